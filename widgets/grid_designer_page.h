#pragma once
// The Grid page: design an Open NSynth Super grid from the workspace's notes and queue it.
// Instruments for each of the 4 corners (one or several: several make one bank per
// combination, as ONS banks allow), the resolution (9 by default), the pitches (by default the
// ones every chosen instrument has), batch size, seed, shards; live, before anything runs: the
// unique notes after de-duplication, the time on this machine's CPU (decoder speed measured with
// the current model), on a local GPU and on the configured clusters, and every problem the plan
// would stop at. The maths and checks are app::GridDesign / app::estimateGrid; the page only
// gathers choices and shows results. Long checks and the speed measurement run off the GUI thread.

#include "grid_design.h"
#include "grid_estimate.h"

#include <QPointer>
#include <QWidget>

#include <array>
#include <map>
#include <memory>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTimer;

namespace nsynth {
struct Model;
}

namespace nsynth::app {
class BackgroundTask;
class JobQueue;
class Workspace;
}

namespace nsynth::widgets {

class GridDesignerPage : public QWidget {
    Q_OBJECT
public:
    explicit GridDesignerPage(app::JobQueue* queue, QWidget* parent = nullptr);
    ~GridDesignerPage() override;

    void setWorkspace(app::Workspace* workspace);
    // The model new jobs use (the workbench's current model); `model` null while it loads.
    void setModel(const QString& path, std::shared_ptr<const Model> model);

    app::GridDesign design() const;
    void setCorner(int corner, const QStringList& instruments);
    void setPitches(const std::vector<int>& pitches);  // a manual choice
    void useCommonPitches();                           // back to the default
    void setResolution(int resolution);
    void setBatchSize(int batchSize);
    void setShards(int shards);
    void setSeed(qulonglong seed);
    void setThreads(int threads);
    void setJobName(const QString& name);
    QString jobName() const;

    // What the page shows now.
    app::GridDesignCounts counts() const;
    const app::GridDesignReport& report() const { return m_report; }
    QStringList problems() const;
    QString estimateText() const;
    bool isBusy() const;                 // checking notes or measuring the decoder
    bool speedMeasured() const;

    // Where the job runs: "local" (this computer) or "cluster:<profile>" (a configured cluster,
    // docs/cluster.md); false when there is no such choice.
    bool setRunner(const QString& kind);
    QString runner() const;
    // Reads the cluster profiles again (after they were edited).
    void refreshClusters();

    // Queues the design to run where runner() says; false and *error (one line) when it cannot.
    bool addToQueue(QString* error = nullptr);

Q_SIGNALS:
    void jobQueued(const QString& id);
    void analysed();  // problems and estimate brought up to date
    void errorOccurred(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void refreshInventory();
    void designChanged();
    void startAnalysis();
    void startSpeedMeasurement();
    void showResults();
    void showCounts();
    void updatePitchList();
    QString speedKey() const;

    QPointer<app::JobQueue> m_queue;
    QPointer<app::Workspace> m_ws;
    QString m_modelPath;
    std::shared_ptr<const Model> m_model;
    app::NoteInventory m_notes;
    bool m_manualPitches = false;
    bool m_nameEdited = false;
    bool m_updating = false;
    app::GridDesignReport m_report;
    std::map<QString, app::GridSpeed> m_speeds;  // by model, batch and threads
    QStringList m_gpus;
    QList<app::ClusterTarget> m_clusters;
    QString m_clusterProblem;
    app::GridEstimate m_estimate;
    app::BackgroundTask* m_analysis = nullptr;
    app::BackgroundTask* m_measure = nullptr;
    bool m_analysisPending = false;
    QTimer* m_debounce;

    QGroupBox *m_cornersBox, *m_gridBox, *m_resultBox;
    std::array<QLabel*, 4> m_cornerTitles{};
    std::array<QListWidget*, 4> m_cornerLists{};
    QLabel *m_resolutionLabel, *m_pitchesLabel, *m_batchLabel, *m_seedLabel, *m_shardsLabel, *m_threadsLabel,
        *m_modelLabel, *m_modelValue, *m_nameLabel;
    QSpinBox *m_resolution, *m_batch, *m_shards, *m_threads;
    QLabel* m_whereLabel;
    QComboBox* m_where;  // "Run on": this computer or a cluster profile
    QLineEdit* m_seed;
    QListWidget* m_pitches;
    QPushButton* m_commonPitches;
    QLineEdit* m_name;
    QPushButton* m_add;
    QLabel *m_counts, *m_countsDetail, *m_estimateLabel, *m_problemsTitle, *m_problems, *m_ready, *m_intro;
};

} // namespace nsynth::widgets
