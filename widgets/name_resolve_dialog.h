#pragma once
// Files whose names do not say instrument and pitch: the user types them (or skips the file).
// Nothing is guessed; each row shows why the name did not parse, and OK stays disabled until
// every row is either valid or skipped.

#include "import_job.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QTableWidget;

namespace nsynth::widgets {

class NameResolveDialog : public QDialog {
    Q_OBJECT
public:
    NameResolveDialog(const QList<app::ImportItem>& items, QWidget* parent = nullptr);

    // The items with instrument and pitch filled in; skipped ones left out.
    QList<app::ImportItem> resolvedItems() const;
    QTableWidget* table() const { return m_table; }

    enum Column { FileColumn, ProblemColumn, InstrumentColumn, PitchColumn, SkipColumn };

private:
    void validate();

    QList<app::ImportItem> m_items;
    QTableWidget* m_table;
    QLabel* m_hint;
    QDialogButtonBox* m_buttons;
};

} // namespace nsynth::widgets
