#pragma once
// Asks for a new workspace's name and the folder to create it in; shows the resulting path.

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace nsynth::widgets {

class NewWorkspaceDialog : public QDialog {
    Q_OBJECT
public:
    NewWorkspaceDialog(const QString& parentFolder, QWidget* parent = nullptr);

    QString workspaceName() const;
    QString folder() const;  // parent folder + name

private:
    void update();

    QLineEdit* m_name;
    QLineEdit* m_location;
    QLabel* m_result;
    QDialogButtonBox* m_buttons;
};

} // namespace nsynth::widgets
