#pragma once
// A note's embedding: the whole [frames x 16] array as a heatmap (one row per dimension, blue
// negative, red positive, white zero) above the selected dimensions as curves over time.
// Clicking a heatmap row or a checkbox toggles that dimension's curve.

#include "npy.h"

#include <QImage>
#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;

namespace nsynth::widgets {

class EmbeddingPlot;

class EmbeddingView : public QWidget {
    Q_OBJECT
public:
    explicit EmbeddingView(QWidget* parent = nullptr);

    // `status` explains an absent embedding ("not encoded yet", an error...).
    void setEmbedding(const std::optional<Embedding>& embedding, const QString& status = {});
    QList<int> selectedDimensions() const;
    void setSelectedDimensions(const QList<int>& dims);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void rebuildCheckboxes(int channels);

    EmbeddingPlot* m_plot;
    QWidget* m_checks;
    QList<QCheckBox*> m_boxes;
    QLabel* m_caption;
};

} // namespace nsynth::widgets
