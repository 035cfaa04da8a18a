#pragma once
// Everything known about the selected note (name, pitch, detected pitch, original, levels,
// checks with their explanations, embedding state) and the controls to re-trim it (automatic
// onset with a margin, or a manual start in the original) and re-conform it (normalise,
// remove DC). The buttons ask; the main window runs the undoable command.

#include "note.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPushButton;

namespace nsynth::widgets {

class NoteInfoPanel : public QWidget {
    Q_OBJECT
public:
    explicit NoteInfoPanel(QWidget* parent = nullptr);

    // `embeddingState`: translated text; `fileMissing`: the note file is gone.
    void showNote(const app::Note& note, const QString& embeddingState, bool fileMissing);
    void clear();
    QString noteId() const { return m_noteId; }
    app::ConformSettings editedSettings() const;

Q_SIGNALS:
    void retrimRequested(const QString& noteId, const nsynth::app::ConformSettings& settings);
    void reconformRequested(const QString& noteId, const nsynth::app::ConformSettings& settings);
    void renameRequested(const QString& noteId);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void refresh();
    void updateButtons();

    QString m_noteId;
    std::optional<app::Note> m_note;
    QString m_embeddingState;
    bool m_fileMissing = false;

    QLabel* m_name;
    QFormLayout* m_form;
    QLabel *m_pitch, *m_detected, *m_original, *m_levels, *m_origin, *m_embedding, *m_checks;
    QLabel *m_pitchLabel, *m_detectedLabel, *m_originalLabel, *m_levelsLabel, *m_originLabel, *m_embeddingLabel,
        *m_checksLabel;
    QPushButton* m_rename;
    QGroupBox* m_trimBox;
    QCheckBox* m_autoTrim;
    QDoubleSpinBox *m_preOnset, *m_start;
    QLabel *m_preOnsetLabel, *m_startLabel;
    QPushButton* m_retrim;
    QGroupBox* m_conformBox;
    QCheckBox *m_normalize, *m_removeDc;
    QPushButton* m_reconform;
};

} // namespace nsynth::widgets
