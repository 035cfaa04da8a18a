#include "grid_designer_page.h"

#include "background_task.h"
#include "cluster_job_runner.h"
#include "error.h"
#include "gemm.h"
#include "grid.h"
#include "job_queue.h"
#include "model_file.h"
#include "note_name.h"
#include "npy.h"
#include "workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSpinBox>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

namespace nsynth::widgets {

namespace {

QListWidget* makeCheckList(QWidget* parent)
{
    auto* list = new QListWidget(parent);
    list->setSelectionMode(QAbstractItemView::NoSelection);
    list->setMinimumHeight(90);
    return list;
}

QStringList checkedTexts(const QListWidget* list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->checkState() == Qt::Checked)
            out << list->item(i)->data(Qt::UserRole).toString();
    return out;
}

// "40 E2": a MIDI pitch as the pitch list and the instrument lists show it.
QString pitchLabel(int midi)
{
    return QStringLiteral("%1 %2").arg(midi).arg(QString::fromStdString(audio::midiNoteName(midi)));
}

} // namespace

GridDesignerPage::GridDesignerPage(app::JobQueue* queue, QWidget* parent) : QWidget(parent), m_queue(queue)
{
    setObjectName(QStringLiteral("gridDesignerPage"));
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(120);
    connect(m_debounce, &QTimer::timeout, this, &GridDesignerPage::startAnalysis);
    m_gpus = app::detectLocalGpus();
    m_clusters = app::configuredClusters(&m_clusterProblem);

    auto* outer = new QHBoxLayout(this);
    auto* left = new QVBoxLayout;
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    left->addWidget(m_intro);

    // Corners, laid out as they sit on the pad.
    m_cornersBox = new QGroupBox(this);
    auto* corners = new QGridLayout(m_cornersBox);
    for (int k = 0; k < 4; ++k) {
        auto* box = new QVBoxLayout;
        m_cornerTitles[size_t(k)] = new QLabel(m_cornersBox);
        m_cornerLists[size_t(k)] = makeCheckList(m_cornersBox);
        m_cornerLists[size_t(k)]->setObjectName(QStringLiteral("corner%1").arg(k));
        box->addWidget(m_cornerTitles[size_t(k)]);
        box->addWidget(m_cornerLists[size_t(k)]);
        corners->addLayout(box, k / 2, k % 2);
        connect(m_cornerLists[size_t(k)], &QListWidget::itemChanged, this, [this] {
            if (!m_updating)
                designChanged();
        });
    }
    left->addWidget(m_cornersBox, 3);

    // The grid and how it is generated.
    m_gridBox = new QGroupBox(this);
    auto* form = new QFormLayout(m_gridBox);
    m_resolutionLabel = new QLabel(m_gridBox);
    m_resolution = new QSpinBox(m_gridBox);
    m_resolution->setObjectName(QStringLiteral("resolution"));
    m_resolution->setRange(2, kMaxGridResolution);
    m_resolution->setValue(9);
    form->addRow(m_resolutionLabel, m_resolution);
    m_pitchesLabel = new QLabel(m_gridBox);
    auto* pitchRow = new QHBoxLayout;
    m_pitches = makeCheckList(m_gridBox);
    m_pitches->setObjectName(QStringLiteral("pitches"));
    m_pitches->setFlow(QListView::LeftToRight);
    m_pitches->setWrapping(true);
    m_pitches->setResizeMode(QListView::Adjust);
    m_pitches->setMinimumHeight(60);
    m_pitches->setMaximumHeight(90);
    m_commonPitches = new QPushButton(m_gridBox);
    m_commonPitches->setObjectName(QStringLiteral("commonPitches"));
    pitchRow->addWidget(m_pitches, 1);
    pitchRow->addWidget(m_commonPitches, 0, Qt::AlignTop);
    form->addRow(m_pitchesLabel, pitchRow);
    auto* numbers = new QHBoxLayout;
    m_batchLabel = new QLabel(m_gridBox);
    m_batch = new QSpinBox(m_gridBox);
    m_batch->setObjectName(QStringLiteral("batchSize"));
    m_batch->setRange(1, 4096);
    m_batch->setValue(16);
    m_seedLabel = new QLabel(m_gridBox);
    m_seed = new QLineEdit(QStringLiteral("0"), m_gridBox);
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,19}")), m_seed));
    m_seed->setMaximumWidth(140);
    m_shardsLabel = new QLabel(m_gridBox);
    m_shards = new QSpinBox(m_gridBox);
    m_shards->setObjectName(QStringLiteral("shards"));
    m_shards->setRange(1, 100000);
    m_threadsLabel = new QLabel(m_gridBox);
    m_threads = new QSpinBox(m_gridBox);
    m_threads->setObjectName(QStringLiteral("threads"));
    m_threads->setRange(0, std::max(1, QThread::idealThreadCount()));
    for (auto [label, w] : std::initializer_list<std::pair<QLabel*, QWidget*>>{
             {m_batchLabel, m_batch}, {m_seedLabel, m_seed}, {m_shardsLabel, m_shards}, {m_threadsLabel, m_threads}}) {
        numbers->addWidget(label);
        numbers->addWidget(w);
    }
    numbers->addStretch(1);
    form->addRow(numbers);
    m_modelLabel = new QLabel(m_gridBox);
    m_modelValue = new QLabel(m_gridBox);
    m_modelValue->setObjectName(QStringLiteral("designerModel"));
    m_modelValue->setWordWrap(true);
    form->addRow(m_modelLabel, m_modelValue);
    left->addWidget(m_gridBox, 0);

    auto* addRow = new QHBoxLayout;
    m_nameLabel = new QLabel(this);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("jobName"));
    m_name->setMaxLength(64);
    m_whereLabel = new QLabel(this);
    m_where = new QComboBox(this);
    m_where->setObjectName(QStringLiteral("runOn"));
    m_add = new QPushButton(this);
    m_add->setObjectName(QStringLiteral("addToQueue"));
    m_add->setDefault(true);
    addRow->addWidget(m_nameLabel);
    addRow->addWidget(m_name, 1);
    addRow->addWidget(m_whereLabel);
    addRow->addWidget(m_where);
    addRow->addWidget(m_add);
    left->addLayout(addRow);
    outer->addLayout(left, 3);

    // What it takes.
    m_resultBox = new QGroupBox(this);
    auto* result = new QVBoxLayout(m_resultBox);
    m_counts = new QLabel(m_resultBox);
    m_counts->setObjectName(QStringLiteral("designCounts"));
    QFont big = m_counts->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_counts->setFont(big);
    m_counts->setWordWrap(true);
    m_countsDetail = new QLabel(m_resultBox);
    m_countsDetail->setObjectName(QStringLiteral("designCountsDetail"));
    m_countsDetail->setWordWrap(true);
    m_estimateLabel = new QLabel(m_resultBox);
    m_estimateLabel->setObjectName(QStringLiteral("designEstimate"));
    m_estimateLabel->setWordWrap(true);
    m_estimateLabel->setTextFormat(Qt::RichText);
    m_problemsTitle = new QLabel(m_resultBox);
    QFont bold = m_problemsTitle->font();
    bold.setBold(true);
    m_problemsTitle->setFont(bold);
    m_problems = new QLabel(m_resultBox);
    m_problems->setObjectName(QStringLiteral("designProblems"));
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::RichText);
    m_problems->setStyleSheet(QStringLiteral("QLabel { background: #ffebe9; color: #82071e; border: 1px solid #cf222e; "
                                             "border-radius: 4px; padding: 6px; }"));
    m_ready = new QLabel(m_resultBox);
    m_ready->setObjectName(QStringLiteral("designReady"));
    m_ready->setWordWrap(true);
    m_ready->setStyleSheet(QStringLiteral("QLabel { background: #dafbe1; color: #116329; border: 1px solid #4ac26b; "
                                          "border-radius: 4px; padding: 6px; }"));
    result->addWidget(m_counts);
    result->addWidget(m_countsDetail);
    result->addSpacing(8);
    result->addWidget(m_estimateLabel);
    result->addSpacing(8);
    result->addWidget(m_problemsTitle);
    result->addWidget(m_problems);
    result->addWidget(m_ready);
    result->addStretch(1);
    outer->addWidget(m_resultBox, 2);

    connect(m_pitches, &QListWidget::itemChanged, this, [this] {
        if (m_updating)
            return;
        m_manualPitches = true;
        designChanged();
    });
    connect(m_commonPitches, &QPushButton::clicked, this, &GridDesignerPage::useCommonPitches);
    for (QSpinBox* s : {m_resolution, m_batch, m_shards, m_threads})
        connect(s, &QSpinBox::valueChanged, this, &GridDesignerPage::designChanged);
    connect(m_seed, &QLineEdit::textChanged, this, &GridDesignerPage::designChanged);
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        m_nameEdited = !m_name->text().isEmpty();
        showResults();
    });
    connect(m_where, &QComboBox::currentIndexChanged, this, &GridDesignerPage::showResults);
    connect(m_add, &QPushButton::clicked, this, [this] {
        QString error;
        if (!addToQueue(&error))
            Q_EMIT errorOccurred(error);
    });
    retranslate();
    refreshInventory();
}

GridDesignerPage::~GridDesignerPage()
{
    // BackgroundTask's destructor cancels and waits; results are dropped.
    delete m_analysis;
    delete m_measure;
}

void GridDesignerPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void GridDesignerPage::retranslate()
{
    m_intro->setText(tr("Choose the instruments of the four corners (several in a corner make one bank per "
                        "combination, as Open NSynth Super banks allow), the resolution and the pitches. What it "
                        "takes is shown on the right before anything runs."));
    m_cornersBox->setTitle(tr("Corners"));
    const QString titles[4] = {tr("Top left"), tr("Top right"), tr("Bottom left"), tr("Bottom right")};
    for (int k = 0; k < 4; ++k)
        m_cornerTitles[size_t(k)]->setText(titles[k]);
    m_gridBox->setTitle(tr("Grid"));
    m_resolutionLabel->setText(tr("Resolution:"));
    m_resolution->setToolTip(tr("Cells per side of the pad (Open NSynth Super: 9)"));
    m_pitchesLabel->setText(tr("Pitches:"));
    m_commonPitches->setText(tr("Common Pitches"));
    m_commonPitches->setToolTip(tr("Choose the pitches every chosen instrument has (the default)"));
    m_batchLabel->setText(tr("Batch size:"));
    m_batch->setToolTip(tr("Notes decoded together; fixed for the job, since pausing and resuming work on whole batches"));
    m_seedLabel->setText(tr("Seed:"));
    m_seed->setToolTip(tr("Every note has its own random stream from the seed and its identity"));
    m_shardsLabel->setText(tr("Shards:"));
    m_shards->setToolTip(tr("How many array tasks a cluster run would use (for the cluster estimate)"));
    m_threadsLabel->setText(tr("Threads:"));
    m_threads->setSpecialValueText(tr("all"));
    m_threads->setToolTip(tr("Compute threads of a local job (all: every core). On a machine shared with other work, "
                             "give it only the cores it may use."));
    m_modelLabel->setText(tr("Model:"));
    m_nameLabel->setText(tr("Job name:"));
    m_add->setText(tr("Add to Queue"));
    m_whereLabel->setText(tr("Run on:"));
    m_where->setToolTip(tr("This computer, or a Slurm cluster of your cluster profiles (Settings menu, Cluster "
                           "Profiles); a cluster job is planned here, then runs as one array task per shard"));
    refreshClusters();
    m_resultBox->setTitle(tr("What it takes"));
    m_problemsTitle->setText(tr("Problems"));
    setModel(m_modelPath, m_model);
    refreshInventory();
}

void GridDesignerPage::setWorkspace(app::Workspace* workspace)
{
    if (m_ws)
        m_ws->disconnect(this);
    m_ws = workspace;
    m_manualPitches = false;
    m_nameEdited = false;
    if (m_ws) {
        connect(m_ws, &app::Workspace::noteInserted, this, &GridDesignerPage::refreshInventory);
        connect(m_ws, &app::Workspace::noteRemoved, this, &GridDesignerPage::refreshInventory);
        connect(m_ws, &app::Workspace::noteChanged, this, &GridDesignerPage::refreshInventory);
    }
    refreshInventory();
}

void GridDesignerPage::setModel(const QString& path, std::shared_ptr<const Model> model)
{
    m_modelPath = path;
    m_model = std::move(model);
    if (m_modelPath.isEmpty())
        m_modelValue->setText(tr("none (Model > Choose Model)"));
    else if (!m_model)
        m_modelValue->setText(tr("%1 (loading...)").arg(QFileInfo(m_modelPath).fileName()));
    else
        m_modelValue->setText(QFileInfo(m_modelPath).fileName());
    m_modelValue->setToolTip(m_modelPath);
    designChanged();
}

void GridDesignerPage::refreshInventory()
{
    if (m_updating)
        return;
    m_notes = app::NoteInventory();
    if (m_ws)
        for (const app::Note& n : m_ws->notes()) {
            const QString path = m_ws->notePath(n);
            if (QFileInfo::exists(path))
                m_notes.add(n.instrument, n.pitch, path);
        }
    const QStringList instruments = m_notes.instruments();
    m_updating = true;
    for (size_t k = 0; k < 4; ++k) {
        QListWidget* list = m_cornerLists[k];
        const QStringList checked = checkedTexts(list);
        list->clear();
        for (const QString& name : instruments) {
            const std::vector<int> pitches = m_notes.pitchesOf(name);
            // The instrument and the pitches it has, e.g. "harp  36 C2, 40 E2".
            QStringList have;
            for (int p : pitches)
                have << pitchLabel(p);
            auto* item = new QListWidgetItem(QStringLiteral("%1  (%2)").arg(name, have.join(QStringLiteral(", "))), list);
            item->setData(Qt::UserRole, name);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(checked.contains(name) ? Qt::Checked : Qt::Unchecked);
            QStringList p;
            for (int x : pitches)
                p << QString::number(x);
            item->setToolTip(tr("Pitches: %1").arg(p.join(QStringLiteral(", "))));
        }
    }
    m_updating = false;
    updatePitchList();
    designChanged();
}

void GridDesignerPage::updatePitchList()
{
    // Every pitch of the workspace; checked: the manual choice, else the common ones.
    std::vector<int> chosen;
    if (m_manualPitches) {
        for (int i = 0; i < m_pitches->count(); ++i)
            if (m_pitches->item(i)->checkState() == Qt::Checked)
                chosen.push_back(m_pitches->item(i)->data(Qt::UserRole).toInt());
    } else {
        QStringList instruments;
        for (const QListWidget* l : m_cornerLists)
            for (const QString& i : checkedTexts(l))
                if (!instruments.contains(i))
                    instruments << i;
        chosen = m_notes.commonPitches(instruments);
    }
    QStringList chosenInstruments;
    for (const QListWidget* l : m_cornerLists)
        chosenInstruments << checkedTexts(l);
    const std::vector<int> common = m_notes.commonPitches(chosenInstruments);
    m_updating = true;
    m_pitches->clear();
    for (int p : m_notes.allPitches()) {
        auto* item = new QListWidgetItem(pitchLabel(p), m_pitches);
        item->setData(Qt::UserRole, p);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(std::find(chosen.begin(), chosen.end(), p) != chosen.end() ? Qt::Checked : Qt::Unchecked);
        if (!chosenInstruments.isEmpty() && std::find(common.begin(), common.end(), p) == common.end()) {
            item->setForeground(QColor(0xcf, 0x22, 0x2e));
            item->setToolTip(tr("Not every chosen instrument has a note at this pitch"));
        }
    }
    m_updating = false;
}

app::GridDesign GridDesignerPage::design() const
{
    app::GridDesign d;
    for (size_t k = 0; k < 4; ++k)
        d.corners[k] = checkedTexts(m_cornerLists[k]);
    for (int i = 0; i < m_pitches->count(); ++i)
        if (m_pitches->item(i)->checkState() == Qt::Checked)
            d.pitches.push_back(m_pitches->item(i)->data(Qt::UserRole).toInt());
    std::sort(d.pitches.begin(), d.pitches.end());
    d.resolution = m_resolution->value();
    d.batchSize = m_batch->value();
    d.seed = m_seed->text().toULongLong();
    d.shards = m_shards->value();
    d.model = m_modelPath;
    d.notesFolder = m_ws ? m_ws->notesDir() : QString();
    return d;
}

void GridDesignerPage::setCorner(int corner, const QStringList& instruments)
{
    if (corner < 0 || corner > 3)
        return;
    QListWidget* list = m_cornerLists[size_t(corner)];
    m_updating = true;
    for (int i = 0; i < list->count(); ++i)
        list->item(i)->setCheckState(instruments.contains(list->item(i)->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                                                         : Qt::Unchecked);
    m_updating = false;
    designChanged();
}

void GridDesignerPage::setPitches(const std::vector<int>& pitches)
{
    m_manualPitches = true;
    m_updating = true;
    for (int i = 0; i < m_pitches->count(); ++i) {
        const int p = m_pitches->item(i)->data(Qt::UserRole).toInt();
        m_pitches->item(i)->setCheckState(std::find(pitches.begin(), pitches.end(), p) != pitches.end() ? Qt::Checked
                                                                                                        : Qt::Unchecked);
    }
    m_updating = false;
    designChanged();
}

void GridDesignerPage::useCommonPitches()
{
    m_manualPitches = false;
    designChanged();
}

void GridDesignerPage::setResolution(int resolution)
{
    m_resolution->setValue(resolution);
}

void GridDesignerPage::setBatchSize(int batchSize)
{
    m_batch->setValue(batchSize);
}

void GridDesignerPage::setShards(int shards)
{
    m_shards->setValue(shards);
}

void GridDesignerPage::setSeed(qulonglong seed)
{
    m_seed->setText(QString::number(seed));
}

void GridDesignerPage::setThreads(int threads)
{
    m_threads->setValue(threads);
}

void GridDesignerPage::setJobName(const QString& name)
{
    m_name->setText(name);
    m_nameEdited = !name.isEmpty();
    showResults();
}

QString GridDesignerPage::jobName() const
{
    return m_name->text().trimmed();
}

app::GridDesignCounts GridDesignerPage::counts() const
{
    return app::countGridDesign(design());
}

QStringList GridDesignerPage::problems() const
{
    return m_report.problems;
}

QString GridDesignerPage::estimateText() const
{
    return m_estimateLabel->text();
}

bool GridDesignerPage::isBusy() const
{
    return m_analysis || m_measure || m_debounce->isActive() || m_analysisPending;
}

bool GridDesignerPage::speedMeasured() const
{
    return m_speeds.count(speedKey()) > 0;
}

QString GridDesignerPage::speedKey() const
{
    return QStringLiteral("%1|%2|%3").arg(m_modelPath).arg(m_batch->value()).arg(computeThreads());
}

void GridDesignerPage::designChanged()
{
    if (m_updating)
        return;
    if (!m_manualPitches)
        updatePitchList();
    // A default name from the corners and the resolution, until the user types one.
    if (!m_nameEdited && m_queue) {
        QStringList parts;
        for (const QListWidget* l : m_cornerLists) {
            const QStringList c = checkedTexts(l);
            parts << (c.isEmpty() ? QStringLiteral("x") : c.join(QLatin1Char('+')));
        }
        const QString base = QStringLiteral("%1-%2x%2").arg(parts.join(QLatin1Char('-'))).arg(m_resolution->value());
        m_name->setText(m_queue->isOpen() ? m_queue->suggestName(base.left(48)) : base.left(48));
    }
    showCounts();
    m_debounce->start();
}

void GridDesignerPage::showCounts()
{
    const app::GridDesignCounts c = counts();
    if (!c.valid) {
        m_counts->setText(tr("No grid yet"));
        m_countsDetail->setText(tr("Choose at least one instrument for every corner and at least one pitch."));
        return;
    }
    m_counts->setText(tr("%1 unique notes").arg(QLocale().toString(qlonglong(c.uniqueNotes))));
    const app::GridDesign d = design();
    m_countsDetail->setText(tr("%1 bank(s) x %2 cells x %3 pitch(es) = %4 grid notes; after de-duplication %5 are "
                               "generated, in %6 batches of %7.")
                                .arg(c.combinations)
                                .arg(c.cells)
                                .arg(d.pitches.size())
                                .arg(QLocale().toString(qlonglong(c.gridNotes)))
                                .arg(QLocale().toString(qlonglong(c.uniqueNotes)))
                                .arg(c.batches)
                                .arg(d.batchSize));
}

void GridDesignerPage::startAnalysis()
{
    if (m_analysis) {
        m_analysisPending = true;
        return;
    }
    m_analysisPending = false;
    const app::GridDesign d = design();
    const app::NoteInventory notes = m_notes;
    const int hop = m_model ? m_model->config.hopLength : 512;
    auto result = std::make_shared<app::GridDesignReport>();
    m_analysis = new app::BackgroundTask(tr("Checking the grid"), this);
    connect(m_analysis, &app::BackgroundTask::finished, this, [this, result](bool cancelled, const QString& error) {
        m_analysis->deleteLater();
        m_analysis = nullptr;
        if (!cancelled && error.isEmpty())
            m_report = *result;
        if (m_analysisPending) {
            startAnalysis();
            return;
        }
        showResults();
        startSpeedMeasurement();
        if (!m_measure)
            Q_EMIT analysed();
    });
    m_analysis->start([d, notes, hop, result](app::BackgroundTask&) {
        *result = app::analyzeGridDesign(d, notes, true, hop);
    });
}

void GridDesignerPage::startSpeedMeasurement()
{
    if (m_measure || !m_model || m_speeds.count(speedKey()) || !m_report.counts.valid)
        return;
    const QString key = speedKey();
    const std::shared_ptr<const Model> model = m_model;
    const int batch = int(std::min<int64_t>(m_batch->value(), std::max<int64_t>(1, m_report.counts.uniqueNotes)));
    // A real embedding frame when the workspace has one (the speed barely depends on it).
    std::vector<float> frame;
    if (m_ws) {
        for (const app::Note& n : m_ws->notes()) {
            const QString path = m_ws->embeddingPath(n);
            if (QFileInfo::exists(path)) {
                try {
                    frame = readEmbedding(path.toStdString(), model->config.bottleneckWidth).data;
                } catch (const Error&) {
                }
                break;
            }
        }
    }
    auto speed = std::make_shared<app::GridSpeed>();
    m_measure = new app::BackgroundTask(tr("Measuring the decoder"), this);
    connect(m_measure, &app::BackgroundTask::finished, this, [this, key, speed](bool cancelled, const QString& error) {
        m_measure->deleteLater();
        m_measure = nullptr;
        if (!cancelled && error.isEmpty() && speed->decoderSamplesPerSecond > 0)
            m_speeds[key] = *speed;
        showResults();
        startSpeedMeasurement();  // the design may have changed meanwhile
        if (!m_measure)
            Q_EMIT analysed();
    });
    m_measure->start([model, batch, frame, speed](app::BackgroundTask&) {
        *speed = app::measureGridDecoderSpeed(*model, batch, frame.empty() ? nullptr : &frame);
    });
}

void GridDesignerPage::showResults()
{
    const app::GridDesign d = design();
    const auto it = m_speeds.find(speedKey());
    m_estimate = app::estimateGrid(d, m_report, it == m_speeds.end() ? nullptr : &it->second, m_gpus, m_clusters);
    QString html = QStringLiteral("<p>%1</p><p>%2</p>").arg(m_estimate.cpuText.toHtmlEscaped(), m_estimate.gpuText.toHtmlEscaped());
    if (!m_modelPath.isEmpty() && !m_model)
        html = QStringLiteral("<p>%1</p>").arg(tr("The model is loading; the time follows once it is ready.").toHtmlEscaped()) +
               QStringLiteral("<p>%1</p>").arg(m_estimate.gpuText.toHtmlEscaped());
    QString clusters;
    if (!m_clusterProblem.isEmpty())
        clusters = m_clusterProblem.toHtmlEscaped();
    else if (!app::haveClusterSupport())
        clusters = tr("Clusters: this build has no cluster support.").toHtmlEscaped();
    else if (m_estimate.clusterTexts.isEmpty())
        clusters = tr("Clusters: none configured.").toHtmlEscaped();
    else {
        clusters = tr("Clusters:").toHtmlEscaped() + QStringLiteral("<ul>");
        for (const QString& t : m_estimate.clusterTexts)
            clusters += QStringLiteral("<li>%1</li>").arg(t.toHtmlEscaped());
        clusters += QStringLiteral("</ul>");
    }
    m_estimateLabel->setText(html + QStringLiteral("<p>%1</p>").arg(clusters));
    QStringList problems = m_report.problems;
    if (m_modelPath.isEmpty())
        problems.prepend(tr("No model is chosen: choose one in the Model menu (or the Model Manager)."));
    const QString nameProblem = m_queue && m_queue->isOpen() ? m_queue->nameProblem(jobName()) : QString();
    if (!m_ws)
        problems.prepend(tr("Open a workspace with notes first."));
    m_problemsTitle->setVisible(!problems.isEmpty());
    m_problems->setVisible(!problems.isEmpty());
    QString list = QStringLiteral("<ul style=\"margin-left: -20px\">");
    for (const QString& p : problems)
        list += QStringLiteral("<li>%1</li>").arg(p.toHtmlEscaped());
    m_problems->setText(list + QStringLiteral("</ul>"));
    const bool ok = problems.isEmpty() && m_report.counts.valid && !m_analysis && !m_analysisPending;
    m_ready->setVisible(ok);
    m_ready->setText(runner() == QLatin1String("local")
                         ? tr("Ready: nothing stands in the way. Add it to the queue to generate it on this computer.")
                         : tr("Ready: nothing stands in the way. Add it to the queue to generate it on cluster \"%1\" "
                              "in %2 array tasks.")
                               .arg(app::ClusterJobRunner::profileOf(runner()))
                               .arg(m_shards->value()));
    m_add->setEnabled(ok && nameProblem.isEmpty() && m_queue && m_queue->isOpen());
    m_add->setToolTip(nameProblem);
}

bool GridDesignerPage::addToQueue(QString* error)
{
    auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (!m_queue || !m_queue->isOpen())
        return fail(tr("Open a workspace first: its jobs folder holds the queue."));
    const app::GridDesign d = design();
    const app::GridDesignReport report = app::analyzeGridDesign(d, m_notes, false, m_model ? m_model->config.hopLength : 512);
    QStringList problems = report.problems;
    if (m_modelPath.isEmpty())
        problems << tr("No model is chosen.");
    if (!problems.isEmpty())
        return fail(tr("The grid cannot be queued: %1").arg(problems.join(QLatin1Char(' '))));
    QString why;
    const QString name = jobName();
    if (!m_queue->addGridJob(name, d.toSettings(), runner(), m_threads->value(), &why))
        return fail(why);
    m_nameEdited = false;
    designChanged();
    Q_EMIT jobQueued(name);
    return true;
}

bool GridDesignerPage::setRunner(const QString& kind)
{
    const int i = m_where->findData(kind);
    if (i < 0)
        return false;
    m_where->setCurrentIndex(i);
    return true;
}

QString GridDesignerPage::runner() const
{
    const QString kind = m_where->currentData().toString();
    return kind.isEmpty() ? QStringLiteral("local") : kind;
}

void GridDesignerPage::refreshClusters()
{
    const QString current = m_where->count() > 0 ? runner() : QStringLiteral("local");
    m_clusters = app::configuredClusters(&m_clusterProblem);
    const QSignalBlocker block(m_where);
    m_where->clear();
    m_where->addItem(tr("this computer"), QStringLiteral("local"));
    // The kind the workbench registers each profile's runner under.
    for (const app::ClusterTarget& c : m_clusters)
        m_where->addItem(tr("cluster \"%1\"").arg(c.name), app::ClusterJobRunner::kindFor(c.name));
    m_where->setCurrentIndex(std::max(0, m_where->findData(current)));
    m_where->setEnabled(m_where->count() > 1);
    showResults();
}

} // namespace nsynth::widgets
