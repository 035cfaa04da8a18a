#include "grid_export_dialog.h"

#include "background_task.h"
#include "error.h"
#include "grid_export.h"
#include "grid_job.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace nsynth::widgets {

GridExportDialog::GridExportDialog(const QString& jobFolder, const QString& defaultOutput, QWidget* parent)
    : QDialog(parent), m_job(jobFolder)
{
    setObjectName(QStringLiteral("gridExportDialog"));
    setWindowTitle(tr("Export Grid"));
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    try {
        const app::GridJob job = app::GridJob::open(jobFolder);
        const auto finished = job.finishedNotes();
        m_notes = int64_t(finished.size());
        m_missing = std::count(finished.begin(), finished.end(), uint8_t(0));
        m_summary->setText(tr("Job %1: %2 bank(s) of %3 x %3 cells and %4 pitch(es); %5 of %6 unique notes generated.")
                               .arg(QFileInfo(jobFolder).fileName())
                               .arg(job.plan().combinations.size())
                               .arg(job.plan().spec.resolution)
                               .arg(job.plan().spec.pitches.size())
                               .arg(m_notes - m_missing)
                               .arg(m_notes));
    } catch (const Error& e) {
        m_summary->setText(tr("The job %1 cannot be opened: %2").arg(jobFolder, QString::fromStdString(e.what())));
        m_missing = -1;
    }

    auto* form = new QFormLayout;
    m_ons = new QCheckBox(tr("Open NSynth Super banks (.bin) and the device's settings.json"), this);
    m_ons->setObjectName(QStringLiteral("exportOns"));
    m_ons->setChecked(true);
    m_pd = new QCheckBox(tr("Pure Data grid (the course's nsynth.pd)"), this);
    m_pd->setObjectName(QStringLiteral("exportPd"));
    m_pack = new QCheckBox(tr("Sample pack: one file per unique note, with index.csv"), this);
    m_pack->setObjectName(QStringLiteral("exportPack"));
    auto* targets = new QVBoxLayout;
    targets->addWidget(m_ons);
    targets->addWidget(m_pd);
    auto* packRow = new QHBoxLayout;
    packRow->addWidget(m_pack);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(QStringLiteral("WAV"), QStringLiteral("wav"));
    m_format->addItem(QStringLiteral("FLAC"), QStringLiteral("flac"));
    m_bitDepth = new QComboBox(this);
    m_bitDepth->setObjectName(QStringLiteral("exportBitDepth"));
    m_bitDepth->addItem(tr("16-bit (exact)"), QStringLiteral("16"));
    m_bitDepth->addItem(tr("24-bit"), QStringLiteral("24"));
    m_bitDepth->addItem(tr("32-bit float"), QStringLiteral("32f"));
    packRow->addWidget(m_format);
    packRow->addWidget(m_bitDepth);
    packRow->addStretch(1);
    targets->addLayout(packRow);
    form->addRow(tr("Write:"), targets);
    auto* outRow = new QHBoxLayout;
    m_output = new QLineEdit(defaultOutput, this);
    m_output->setObjectName(QStringLiteral("exportOutput"));
    m_browse = new QPushButton(tr("Choose..."), this);
    outRow->addWidget(m_output, 1);
    outRow->addWidget(m_browse);
    form->addRow(tr("Folder:"), outRow);
    m_dataDirectory = new QLineEdit(QStringLiteral("/home/pi/pads"), this);
    m_dataDirectory->setObjectName(QStringLiteral("exportDataDirectory"));
    m_dataDirectory->setToolTip(tr("nsynth.dataDirectory in the device's settings.json: where the device looks for the "
                                   "banks"));
    form->addRow(tr("Banks folder on the device:"), m_dataDirectory);
    m_allowMissing = new QCheckBox(tr("Export although notes are missing (they become silence)"), this);
    m_allowMissing->setObjectName(QStringLiteral("exportAllowMissing"));
    m_allowMissing->setVisible(m_missing > 0);
    form->addRow(QString(), m_allowMissing);
    layout->addLayout(form);

    m_deviceHelp = new QLabel(this);
    m_deviceHelp->setObjectName(QStringLiteral("exportDeviceHelp"));
    m_deviceHelp->setWordWrap(true);
    m_deviceHelp->setTextFormat(Qt::RichText);
    m_deviceHelp->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_deviceHelp->setStyleSheet(QStringLiteral("QLabel { background: palette(alternate-base); border: 1px solid "
                                               "palette(mid); border-radius: 4px; padding: 8px; }"));
    layout->addWidget(m_deviceHelp);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    // Labels that wrap take extra height when the dialog is taller than it needs: it goes here,
    // above the buttons, instead of opening gaps between the rows.
    layout->addStretch(1);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_exportButton = m_buttons->addButton(tr("Export"), QDialogButtonBox::ActionRole);
    m_exportButton->setObjectName(QStringLiteral("exportStart"));
    m_exportButton->setDefault(true);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::rejected, this, &GridExportDialog::reject);
    connect(m_exportButton, &QPushButton::clicked, this, &GridExportDialog::startExport);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Export into"), outputFolder());
        if (!folder.isEmpty())
            setOutputFolder(folder);
    });
    for (QCheckBox* c : {m_ons, m_pd, m_pack, m_allowMissing})
        connect(c, &QCheckBox::toggled, this, &GridExportDialog::updateState);
    connect(m_output, &QLineEdit::textChanged, this, &GridExportDialog::updateState);
    connect(m_dataDirectory, &QLineEdit::textChanged, this, &GridExportDialog::updateState);
    resize(720, 560);
    updateState();
}

GridExportDialog::~GridExportDialog()
{
    delete m_task;  // cancels and waits
}

QString GridExportDialog::outputFolder() const
{
    return m_output->text().trimmed();
}

void GridExportDialog::setOutputFolder(const QString& folder)
{
    m_output->setText(folder);
}

void GridExportDialog::setTargets(bool ons, bool pd, bool pack)
{
    m_ons->setChecked(ons);
    m_pd->setChecked(pd);
    m_pack->setChecked(pack);
}

void GridExportDialog::setPackFormat(const QString& format, const QString& bitDepth)
{
    m_format->setCurrentIndex(std::max(0, m_format->findData(format)));
    m_bitDepth->setCurrentIndex(std::max(0, m_bitDepth->findData(bitDepth)));
}

QString GridExportDialog::resultText() const
{
    return m_status->text();
}

void GridExportDialog::updateState()
{
    const QString out = QDir::toNativeSeparators(outputFolder());
    const QString dataDir = m_dataDirectory->text().trimmed().isEmpty() ? QStringLiteral("/home/pi/pads")
                                                                     : m_dataDirectory->text().trimmed();
    m_deviceHelp->setText(
        tr("<b>Onto the device.</b> Copy every <tt>%1/ons/pads/*.bin</tt> into the device's banks folder "
           "<tt>%2</tt> (the Raspberry Pi's SD card, or over the network with <tt>scp</tt>), and "
           "<tt>%1/ons/settings.json</tt> over the app's settings, "
           "<tt>/home/pi/opt/of/apps/open-nsynth/open-nsynth/bin/data/settings.json</tt> (keep a copy of the old one). "
           "The settings list the corner instruments with their screen names, the pitches, the resolution and the "
           "note length, all matching these banks; restart the device afterwards. Every corner combination the "
           "device's encoders can reach needs its bank, or the device stays silent.")
            .arg(out.toHtmlEscaped(), dataDir.toHtmlEscaped()));
    m_format->setEnabled(m_pack->isChecked() && !m_task);
    m_bitDepth->setEnabled(m_pack->isChecked() && !m_task);
    const bool something = m_ons->isChecked() || m_pd->isChecked() || m_pack->isChecked();
    const bool complete = m_missing == 0 || (m_missing > 0 && m_allowMissing->isChecked());
    m_exportButton->setEnabled(!m_task && something && complete && !outputFolder().isEmpty() && m_missing >= 0);
    for (QWidget* w : std::initializer_list<QWidget*>{m_ons, m_pd, m_pack, m_output, m_browse, m_dataDirectory,
                                                     m_allowMissing})
        w->setEnabled(!m_task);
    if (!m_task && m_missing > 0 && !m_allowMissing->isChecked())
        m_status->setText(tr("%1 of %2 notes are not generated yet: finish the job first, or export with silence in "
                             "their place.")
                              .arg(m_missing)
                              .arg(m_notes));
    m_buttons->button(QDialogButtonBox::Close)->setText(m_task ? tr("Cancel") : tr("Close"));
}

bool GridExportDialog::startExport()
{
    if (m_task || !m_exportButton->isEnabled())
        return false;
    app::GridExportOptions options;
    options.output = QDir(outputFolder()).absolutePath();
    options.ons = m_ons->isChecked();
    options.pd = m_pd->isChecked();
    options.pack = m_pack->isChecked();
    options.packFormat = m_format->currentData().toString();
    options.packBitDepth = m_bitDepth->currentData().toString();
    options.allowMissing = m_allowMissing->isChecked();
    options.dataDirectory = m_dataDirectory->text().trimmed().isEmpty() ? QStringLiteral("/home/pi/pads")
                                                                        : m_dataDirectory->text().trimmed();
    options.arguments = {QStringLiteral("nsynth-workbench"), QStringLiteral("export"), m_job};
    const QString job = m_job;
    auto result = std::make_shared<app::GridExportResult>();
    m_task = new app::BackgroundTask(tr("Exporting"), this);
    connect(m_task, &app::BackgroundTask::progressChanged, this, [this](const app::ProgressSnapshot& p) {
        m_progress->setValue(int(std::lround(p.fraction() * 1000)));
        QString text = tr("Exporting: %1 of %2 MB").arg(p.done / 1e6, 0, 'f', 1).arg(p.total / 1e6, 0, 'f', 1);
        if (p.etaSeconds >= 0 && p.done < p.total)
            text += QStringLiteral(", ") + tr("%1 left").arg(app::BackgroundTask::formatSeconds(p.etaSeconds));
        m_status->setText(text);
    });
    connect(m_task, &app::BackgroundTask::finished, this, [this, options, result](bool cancelled, const QString& error) {
        m_task->deleteLater();
        m_task = nullptr;
        if (cancelled) {
            m_status->setText(tr("Export cancelled; the files finished before that are complete, nothing is half "
                                 "written."));
        } else if (!error.isEmpty()) {
            m_status->setText(tr("The export failed: %1").arg(error));
            Q_EMIT failed(error);
        } else {
            m_progress->setValue(1000);
            m_status->setText(tr("Exported %1 file(s), %2 MB, in %3 to %4.")
                                  .arg(result->files)
                                  .arg(double(result->bytes) / 1e6, 0, 'f', 1)
                                  .arg(app::BackgroundTask::formatSeconds(result->seconds))
                                  .arg(QDir::toNativeSeparators(options.output)));
            Q_EMIT exported(options.output);
        }
        updateState();
    });
    m_task->start([job, options, result](app::BackgroundTask& task) mutable {
        const app::GridJob opened = app::GridJob::open(job);
        options.post = opened.settings().post;
        options.cancel = task.cancelFlag();
        options.progress = [&task](int64_t done, int64_t total) { task.setProgress(double(done), double(total)); };
        *result = app::exportGrid(opened, options);
    });
    m_status->setText(tr("Exporting..."));
    updateState();
    return true;
}

void GridExportDialog::reject()
{
    if (m_task) {
        m_task->cancel();
        return;
    }
    QDialog::reject();
}

} // namespace nsynth::widgets
