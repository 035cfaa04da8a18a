#pragma once
// Cluster profiles (docs/cluster.md, "Profiles"): the list of the profiles file shared with
// `nsynth cluster`, a form for the selected one, Test connection with a result per check, and
// the sbatch script a job would get with this profile. The profile is checked when saved (every
// problem at once, in a dialog) and nothing secret is asked for: the SSH client authenticates.
//
// An unknown host key during the test asks the user to compare the fingerprint it shows and
// trusts it only then (ClusterConnection::trustHostKey, which checks the fingerprint again); a
// changed key is refused with a warning and cannot be accepted here. The connection test runs
// on a worker thread (it may take up to the SSH connect timeout, 20 s).

#include "background_task.h"
#include "cluster_client.h"
#include "cluster_profile.h"

#include <QDialog>
#include <QPointer>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTreeWidget;

namespace nsynth::widgets {

class ClusterProfilesDialog : public QDialog {
    Q_OBJECT
public:
    explicit ClusterProfilesDialog(QWidget* parent = nullptr);
    ~ClusterProfilesDialog() override;

    // The form's content as a profile.
    app::ClusterProfile formProfile() const;
    void setFormProfile(const app::ClusterProfile& p);
    // Saves the form (replacing the profile of that name); false, with the problems shown in a
    // dialog (and in *error), when it cannot.
    bool saveForm(QString* error = nullptr);
    bool selectProfile(const QString& name);
    bool removeSelected(QString* error = nullptr);
    QStringList profileNames() const;

    // Test connection for the form's profile, in the background; testFinished() when done.
    void testConnection();
    bool isTesting() const { return m_task != nullptr; }
    const app::ConnectionReport& lastReport() const { return m_report; }
    QString reportText() const;  // the result table as text, one line per check
    QString scriptText() const;  // the sbatch script shown for the form's profile

    // Asked when the host's key is unknown: true to trust the fingerprint shown. The default is
    // a question dialog; tests replace it.
    void setTrustQuestion(std::function<bool(const QString& host, const QString& fingerprint)> ask)
    {
        m_askTrust = std::move(ask);
    }

Q_SIGNALS:
    void testFinished(bool ok);
    void profilesChanged();

private:
    void reload(const QString& select = {});
    void showSelected();
    void showReport();
    void updateScript();
    void showError(const QString& title, const QString& message);

    app::ClusterProfileStore m_store;
    QList<app::ClusterProfile> m_profiles;
    app::ConnectionReport m_report;
    QPointer<app::BackgroundTask> m_task;
    std::function<bool(const QString&, const QString&)> m_askTrust;

    QListWidget* m_list;
    QLineEdit *m_name, *m_host, *m_sshConfig, *m_workDir, *m_command, *m_partition, *m_gres, *m_memory, *m_time,
        *m_account;
    QCheckBox* m_local;
    QSpinBox *m_cpus, *m_arrayLimit, *m_signal;
    QPlainTextEdit* m_extra;
    QComboBox* m_transfer;
    QTabWidget* m_tabs;
    QTreeWidget* m_checks;
    QLabel* m_testSummary;
    QPlainTextEdit* m_script;
    QPushButton *m_new, *m_save, *m_remove, *m_test;
};

} // namespace nsynth::widgets
