#include "cluster_profiles_dialog.h"

#include "background_task.h"
#include "error.h"
#include "remote_path.h"
#include "sbatch_script.h"
#include "ssh_connection.h"
#include "version.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace nsynth::widgets {

using app::ConnectionCheck;

ClusterProfilesDialog::ClusterProfilesDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Cluster profiles"));
    resize(980, 640);
    m_askTrust = [this](const QString& host, const QString& fingerprint) {
        return QMessageBox::question(
                   this, tr("Unknown host key"),
                   tr("%1 is not known yet. It presents a key with the fingerprint\n\n%2\n\nCompare it with the "
                      "fingerprint your cluster publishes (its documentation or administrators). Trust this key only "
                      "if they are the same.")
                       .arg(host, fingerprint),
                   QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
    };

    m_list = new QListWidget;
    m_new = new QPushButton(tr("New"));
    m_remove = new QPushButton(tr("Remove"));
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(m_new);
    listButtons->addWidget(m_remove);
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Profiles (shared with nsynth cluster):")));
    leftLayout->addWidget(m_list);
    leftLayout->addLayout(listButtons);

    auto line = [](const QString& placeholder) {
        auto* e = new QLineEdit;
        e->setPlaceholderText(placeholder);
        return e;
    };
    m_name = line(tr("e.g. triton"));
    m_local = new QCheckBox(tr("This computer is the cluster's login node (no SSH)"));
    m_host = line(tr("an alias of ~/.ssh/config, host or user@host"));
    m_sshConfig = line(tr("optional: another ssh config file"));
    m_workDir = line(tr("/scratch/work/me/nsynth or ~/nsynth"));
    m_command = line(tr("nsynth, /path/to/nsynth or module load nsynth; nsynth"));
    m_partition = line(tr("the cluster's default"));
    m_gres = line(tr("none (generation runs on CPUs)"));
    m_memory = line(tr("e.g. 8G"));
    m_time = line(tr("e.g. 04:00:00"));
    m_account = line(tr("the default account"));
    m_cpus = new QSpinBox;
    m_cpus->setRange(1, 4096);
    m_arrayLimit = new QSpinBox;
    m_arrayLimit->setRange(0, 1000000);
    m_arrayLimit->setSpecialValueText(tr("no limit"));
    m_signal = new QSpinBox;
    m_signal->setRange(0, 65535);
    m_signal->setSuffix(tr(" s"));
    m_signal->setSpecialValueText(tr("no warning"));
    m_extra = new QPlainTextEdit;
    m_extra->setPlaceholderText(tr("further sbatch options, one per line, e.g. --qos=normal"));
    m_extra->setMaximumHeight(70);
    m_transfer = new QComboBox;
    m_transfer->addItem(tr("rsync, or scp where rsync is missing"), QStringLiteral("auto"));
    m_transfer->addItem(QStringLiteral("rsync"), QStringLiteral("rsync"));
    m_transfer->addItem(QStringLiteral("scp"), QStringLiteral("scp"));

    auto* form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(QString(), m_local);
    form->addRow(tr("SSH host:"), m_host);
    form->addRow(tr("SSH config:"), m_sshConfig);
    form->addRow(tr("Work folder there:"), m_workDir);
    form->addRow(tr("nsynth command:"), m_command);
    form->addRow(tr("Partition:"), m_partition);
    form->addRow(tr("--gres:"), m_gres);
    form->addRow(tr("CPUs per task:"), m_cpus);
    form->addRow(tr("Memory per task:"), m_memory);
    form->addRow(tr("Time limit per task:"), m_time);
    form->addRow(tr("Account:"), m_account);
    form->addRow(tr("Tasks at once:"), m_arrayLimit);
    form->addRow(tr("Warning before the time limit:"), m_signal);
    form->addRow(tr("Other sbatch options:"), m_extra);
    form->addRow(tr("File transfer:"), m_transfer);
    auto* secrets = new QLabel(tr("No passwords or keys are stored: ssh uses your agent, key files and ~/.ssh/config."));
    secrets->setWordWrap(true);
    form->addRow(secrets);
    m_save = new QPushButton(tr("Save"));
    m_test = new QPushButton(tr("Test connection"));
    auto* formButtons = new QHBoxLayout;
    formButtons->addStretch();
    formButtons->addWidget(m_save);
    formButtons->addWidget(m_test);
    auto* formPage = new QWidget;
    auto* formLayout = new QVBoxLayout(formPage);
    formLayout->addLayout(form);
    formLayout->addLayout(formButtons);

    m_checks = new QTreeWidget;
    m_checks->setColumnCount(3);
    m_checks->setHeaderLabels({tr("Check"), tr("Result"), tr("Details")});
    m_checks->setRootIsDecorated(false);
    m_checks->setWordWrap(true);
    m_checks->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_testSummary = new QLabel(tr("Not tested yet."));
    m_testSummary->setWordWrap(true);
    auto* testPage = new QWidget;
    auto* testLayout = new QVBoxLayout(testPage);
    testLayout->addWidget(m_testSummary);
    testLayout->addWidget(m_checks);

    m_script = new QPlainTextEdit;
    m_script->setReadOnly(true);
    m_script->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_script->setFont(mono);

    m_tabs = new QTabWidget;
    m_tabs->addTab(formPage, tr("Profile"));
    m_tabs->addTab(testPage, tr("Connection test"));
    m_tabs->addTab(m_script, tr("sbatch script"));

    auto* split = new QSplitter;
    split->addWidget(left);
    split->addWidget(m_tabs);
    split->setStretchFactor(1, 3);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, &ClusterProfilesDialog::showSelected);
    connect(m_new, &QPushButton::clicked, this, [this] {
        m_list->setCurrentRow(-1);
        setFormProfile(app::ClusterProfile{});
        m_name->setFocus();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeSelected(); });
    connect(m_save, &QPushButton::clicked, this, [this] { saveForm(); });
    connect(m_test, &QPushButton::clicked, this, &ClusterProfilesDialog::testConnection);
    connect(m_local, &QCheckBox::toggled, this, [this](bool local) {
        m_host->setEnabled(!local);
        m_sshConfig->setEnabled(!local);
        m_transfer->setEnabled(!local);
    });
    for (QLineEdit* e : {m_name, m_host, m_sshConfig, m_workDir, m_command, m_partition, m_gres, m_memory, m_time, m_account})
        connect(e, &QLineEdit::textChanged, this, &ClusterProfilesDialog::updateScript);
    for (QSpinBox* s : {m_cpus, m_arrayLimit, m_signal})
        connect(s, &QSpinBox::valueChanged, this, &ClusterProfilesDialog::updateScript);
    connect(m_extra, &QPlainTextEdit::textChanged, this, &ClusterProfilesDialog::updateScript);
    connect(m_local, &QCheckBox::toggled, this, &ClusterProfilesDialog::updateScript);

    reload();
    if (m_profiles.isEmpty())
        setFormProfile(app::ClusterProfile{});
}

ClusterProfilesDialog::~ClusterProfilesDialog() = default;

void ClusterProfilesDialog::showError(const QString& title, const QString& message)
{
    // Window-modal but not blocking (open(), not exec()): the dialog stays responsive to the
    // background test that may still be reporting.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void ClusterProfilesDialog::reload(const QString& select)
{
    try {
        m_profiles = m_store.load();
    } catch (const Error& e) {
        m_profiles.clear();
        showError(tr("Cluster profiles"), QString::fromUtf8(e.what()));
    }
    const QSignalBlocker block(m_list);
    m_list->clear();
    int row = m_profiles.isEmpty() ? -1 : 0;
    for (int i = 0; i < m_profiles.size(); ++i) {
        const auto& p = m_profiles[i];
        m_list->addItem(QStringLiteral("%1 — %2").arg(p.name, p.local ? tr("this computer") : p.host));
        if (p.name == select)
            row = i;
    }
    m_list->setCurrentRow(row);
    showSelected();
}

QStringList ClusterProfilesDialog::profileNames() const
{
    QStringList out;
    for (const auto& p : m_profiles)
        out << p.name;
    return out;
}

bool ClusterProfilesDialog::selectProfile(const QString& name)
{
    for (int i = 0; i < m_profiles.size(); ++i)
        if (m_profiles[i].name == name) {
            m_list->setCurrentRow(i);
            showSelected();  // also when it was the current row already (the form may differ)
            return true;
        }
    return false;
}

void ClusterProfilesDialog::showSelected()
{
    const int row = m_list->currentRow();
    m_remove->setEnabled(row >= 0);
    if (row >= 0 && row < m_profiles.size())
        setFormProfile(m_profiles[row]);
}

void ClusterProfilesDialog::setFormProfile(const app::ClusterProfile& p)
{
    m_name->setText(p.name);
    m_local->setChecked(p.local);
    m_host->setText(p.host);
    m_sshConfig->setText(p.sshConfig);
    m_workDir->setText(p.workDir);
    m_command->setText(p.nsynthCommand);
    m_partition->setText(p.partition);
    m_gres->setText(p.gres);
    m_cpus->setValue(p.cpus);
    m_memory->setText(p.memory);
    m_time->setText(p.timeLimit);
    m_account->setText(p.account);
    m_arrayLimit->setValue(p.arrayLimit);
    m_signal->setValue(p.signalSeconds);
    m_extra->setPlainText(p.extraSbatch.join(QLatin1Char('\n')));
    m_transfer->setCurrentIndex(std::max(0, m_transfer->findData(p.transfer)));
    m_report = app::ConnectionReport{};
    showReport();
    updateScript();
}

app::ClusterProfile ClusterProfilesDialog::formProfile() const
{
    app::ClusterProfile p;
    p.name = m_name->text().trimmed();
    p.local = m_local->isChecked();
    p.host = p.local ? QString() : m_host->text().trimmed();
    p.sshConfig = p.local ? QString() : m_sshConfig->text().trimmed();
    p.workDir = m_workDir->text().trimmed();
    p.nsynthCommand = m_command->text().trimmed();
    p.partition = m_partition->text().trimmed();
    p.gres = m_gres->text().trimmed();
    p.cpus = m_cpus->value();
    p.memory = m_memory->text().trimmed();
    p.timeLimit = m_time->text().trimmed();
    p.account = m_account->text().trimmed();
    p.arrayLimit = m_arrayLimit->value();
    p.signalSeconds = m_signal->value();
    for (const QString& l : m_extra->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!l.trimmed().isEmpty())
            p.extraSbatch << l.trimmed();
    p.transfer = m_transfer->currentData().toString();
    return p;
}

bool ClusterProfilesDialog::saveForm(QString* error)
{
    const app::ClusterProfile p = formProfile();
    try {
        m_store.add(p, true);
    } catch (const Error& e) {
        const QString message = QString::fromUtf8(e.what());
        if (error)
            *error = message;
        showError(tr("The profile cannot be saved"), message);
        return false;
    }
    reload(p.name);
    Q_EMIT profilesChanged();
    return true;
}

bool ClusterProfilesDialog::removeSelected(QString* error)
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_profiles.size())
        return false;
    try {
        m_store.remove(m_profiles[row].name);
    } catch (const Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        showError(tr("The profile cannot be removed"), QString::fromUtf8(e.what()));
        return false;
    }
    reload();
    Q_EMIT profilesChanged();
    return true;
}

QString ClusterProfilesDialog::scriptText() const
{
    return m_script->toPlainText();
}

void ClusterProfilesDialog::updateScript()
{
    const app::ClusterProfile p = formProfile();
    const QStringList problems = p.problems();
    if (!problems.isEmpty() && !p.name.isEmpty()) {
        m_script->setPlainText(tr("# The profile has problems:\n") + QStringLiteral("#   ") +
                               problems.join(QStringLiteral("\n#   ")));
        return;
    }
    // A job of 4 shards as an example; a real job's script is written when it is submitted and
    // saved with it (JOB/cluster/run-grid.sbatch).
    app::SbatchScriptParameters sp;
    sp.profile = p;
    sp.jobName = QStringLiteral("nsynth-grid-0123456789ab");
    sp.title = tr("example");
    sp.shardCount = 4;
    sp.shards = {0, 1, 2, 3};
    const QString work = p.workDir.isEmpty() ? QStringLiteral("/path/of/the/job") : p.workDir;
    try {
        sp.modelShell = app::RemotePath::parse(work, QStringLiteral("work_dir")).child(QStringLiteral("models")).child(QStringLiteral("model.safetensors")).shell();
    } catch (const Error&) {
        sp.modelShell = QStringLiteral("'model.safetensors'");
    }
    sp.version = QString::fromLatin1(app::kVersion);
    m_script->setPlainText(app::sbatchScript(sp));
}

void ClusterProfilesDialog::testConnection()
{
    if (m_task)
        return;
    const app::ClusterProfile p = formProfile();
    auto result = std::make_shared<app::ConnectionReport>();
    m_test->setEnabled(false);
    m_testSummary->setText(tr("Testing %1 ...").arg(p.local ? tr("this computer") : p.host));
    m_checks->clear();
    m_tabs->setCurrentIndex(1);
    m_task = new app::BackgroundTask(tr("Testing the connection"), this);
    connect(m_task, &app::BackgroundTask::finished, this, [this, p, result](bool, const QString& error) {
        m_task->deleteLater();
        m_task = nullptr;
        m_test->setEnabled(true);
        m_report = *result;
        if (!error.isEmpty()) {
            m_report.checks << ConnectionCheck{QStringLiteral("test"), ConnectionCheck::Level::Failed, error};
        }
        showReport();
        // An unknown host: ask, trust after the user compared, and test again.
        if (m_report.failure == app::ConnectionFailure::UnknownHostKey && !m_report.fingerprint.isEmpty()) {
            const QString fingerprint = m_report.fingerprint;
            if (m_askTrust(p.host, fingerprint)) {
                try {
                    app::ClusterConnection(p).trustHostKey(fingerprint);
                } catch (const Error& e) {
                    showError(tr("The host key was not trusted"), QString::fromUtf8(e.what()));
                    Q_EMIT testFinished(false);
                    return;
                }
                testConnection();
                return;
            }
        } else if (m_report.failure == app::ConnectionFailure::ChangedHostKey) {
            showError(tr("The host key has changed"), m_report.checks.value(1).message);
        }
        Q_EMIT testFinished(m_report.ok());
    });
    m_task->start([p, result](app::BackgroundTask&) { *result = app::testClusterConnection(p); });
}

QString ClusterProfilesDialog::reportText() const
{
    QStringList lines;
    for (int i = 0; i < m_checks->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* it = m_checks->topLevelItem(i);
        lines << QStringLiteral("%1: %2: %3").arg(it->text(0), it->text(1), it->text(2));
    }
    return m_testSummary->text() + QLatin1Char('\n') + lines.join(QLatin1Char('\n'));
}

void ClusterProfilesDialog::showReport()
{
    m_checks->clear();
    if (m_report.checks.isEmpty()) {
        m_testSummary->setText(tr("Not tested yet."));
        return;
    }
    for (const auto& c : m_report.checks) {
        QString level;
        QColor color;
        switch (c.level) {
        case ConnectionCheck::Level::Ok: level = tr("ok"); color = QColor(0x2e, 0x7d, 0x32); break;
        case ConnectionCheck::Level::Warning: level = tr("warning"); color = QColor(0xb2, 0x6a, 0x00); break;
        case ConnectionCheck::Level::Failed: level = tr("FAILED"); color = QColor(0xc6, 0x28, 0x28); break;
        case ConnectionCheck::Level::Skipped: level = tr("not checked"); color = QColor(0x75, 0x75, 0x75); break;
        }
        auto* item = new QTreeWidgetItem(m_checks, {c.name, level, c.message});
        item->setForeground(1, color);
        item->setToolTip(2, c.message);
    }
    m_checks->resizeColumnToContents(0);
    m_checks->resizeColumnToContents(1);
    m_testSummary->setText(m_report.ok() ? tr("The cluster is ready for grid jobs.")
                                         : tr("The cluster is not ready: see the FAILED checks."));
}

} // namespace nsynth::widgets
