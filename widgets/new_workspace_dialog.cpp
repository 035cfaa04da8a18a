#include "new_workspace_dialog.h"

#include "workspace.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace nsynth::widgets {

NewWorkspaceDialog::NewWorkspaceDialog(const QString& parentFolder, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("newWorkspaceDialog"));
    setWindowTitle(tr("New workspace"));
    auto* form = new QFormLayout(this);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("workspaceName"));
    m_name->setPlaceholderText(tr("e.g. workshop-2025-group-a"));
    m_location = new QLineEdit(parentFolder, this);
    m_location->setObjectName(QStringLiteral("workspaceLocation"));
    auto* browse = new QPushButton(tr("Browse..."), this);
    auto* row = new QHBoxLayout;
    row->addWidget(m_location, 1);
    row->addWidget(browse);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Create in:"), row);
    form->addRow(m_result);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &NewWorkspaceDialog::update);
    connect(m_location, &QLineEdit::textChanged, this, &NewWorkspaceDialog::update);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Create the workspace in"), m_location->text());
        if (!dir.isEmpty())
            m_location->setText(dir);
    });
    resize(520, sizeHint().height());
    update();
}

QString NewWorkspaceDialog::workspaceName() const
{
    return m_name->text().trimmed();
}

QString NewWorkspaceDialog::folder() const
{
    return QDir::cleanPath(QDir(m_location->text().trimmed()).filePath(workspaceName()));
}

void NewWorkspaceDialog::update()
{
    QString problem;
    if (workspaceName().isEmpty())
        problem = tr("Give the workspace a name.");
    else if (workspaceName().contains('/'))
        problem = tr("The name cannot contain \"/\".");
    else if (m_location->text().trimmed().isEmpty())
        problem = tr("Choose where to create it.");
    else if (app::Workspace::isWorkspace(folder()))
        problem = tr("%1 already holds a workspace.").arg(folder());
    else if (QFileInfo(folder()).isFile())
        problem = tr("%1 is a file.").arg(folder());
    m_result->setText(problem.isEmpty() ? tr("The workspace will be the folder %1").arg(folder()) : problem);
    m_result->setStyleSheet(problem.isEmpty() ? QString() : QStringLiteral("color: #cf222e;"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace nsynth::widgets
