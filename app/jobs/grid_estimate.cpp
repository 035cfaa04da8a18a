#include "grid_estimate.h"

#include "error.h"
#include "gemm.h"
#include "grid_schedule.h"
#include "model_file.h"
#include "npy.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <algorithm>
#include <cmath>

#if NSYNTH_HAVE_CLUSTER
#include "cluster_profile.h"
#endif

namespace nsynth::app {

namespace {

// The translation context of this file's texts: its functions are no QObject's, and lupdate
// files a plain tr() in a namespace under the namespace, where the program would not look.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(GridEstimate)
};

} // namespace

GridSpeed measureGridDecoderSpeed(const Model& model, int batch, const std::vector<float>* frame)
{
    Embedding e;
    e.frames = 1;
    e.channels = model.config.bottleneckWidth;
    e.data.assign(size_t(e.channels), 0.0f);
    if (frame && frame->size() >= size_t(e.channels))
        std::copy_n(frame->begin(), e.channels, e.data.begin());
    return measureDecoderSpeed(model, e, std::max(1, batch), 60);
}

QStringList detectLocalGpus()
{
    QStringList out;
    const QDir dir(QStringLiteral("/proc/driver/nvidia/gpus"));
    for (const QString& bus : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile f(dir.filePath(bus + QStringLiteral("/information")));
        QString name = bus;
        if (f.open(QIODevice::ReadOnly))
            for (const QByteArray& line : f.readAll().split('\n'))
                if (line.startsWith("Model:"))
                    name = QString::fromUtf8(line.mid(6)).trimmed();
        out << name;
    }
    return out;
}

bool haveClusterSupport()
{
#if NSYNTH_HAVE_CLUSTER
    return true;
#else
    return false;
#endif
}

QList<ClusterTarget> configuredClusters(QString* problem)
{
    QList<ClusterTarget> out;
#if NSYNTH_HAVE_CLUSTER
    try {
        const ClusterProfileStore store;
        for (const ClusterProfile& p : store.load()) {
            ClusterTarget t;
            t.name = p.name;
            t.where = p.local ? Tr::tr("this machine") : p.host;
            t.cpus = p.cpus;
            t.gres = p.gres;
            t.partition = p.partition;
            t.timeLimit = p.timeLimit;
            t.timeLimitSeconds = slurmTimeSeconds(p.timeLimit);
            out << t;
        }
    } catch (const Error& e) {
        if (problem)
            *problem = Tr::tr("The cluster profiles cannot be read: %1").arg(QString::fromStdString(e.what()));
    }
#else
    (void)problem;
#endif
    return out;
}

QString formatEstimate(double seconds)
{
    if (!(seconds >= 0))
        return Tr::tr("unknown");
    if (seconds < 90)
        return Tr::tr("about %1 s").arg(std::max(1.0, std::round(seconds)));
    const double minutes = seconds / 60.0;
    if (minutes < 90)
        return Tr::tr("about %1 min").arg(std::round(minutes));
    const double hours = minutes / 60.0;
    if (hours < 48)
        return Tr::tr("about %1 h %2 min")
            .arg(std::floor(hours))
            .arg(std::round(minutes - std::floor(hours) * 60));
    return Tr::tr("about %1 days %2 h")
        .arg(std::floor(hours / 24))
        .arg(std::round(hours - std::floor(hours / 24) * 24));
}

GridEstimate estimateGrid(const GridDesign& design, const GridDesignReport& report, const GridSpeed* speed,
                          const QStringList& gpus, const QList<ClusterTarget>& clusters)
{
    GridEstimate e;
    const GridDesignCounts& c = report.counts;
    const double samples = double(c.uniqueNotes) * double(report.samplesPerNote);
    if (!c.valid) {
        e.cpuText = Tr::tr("Choose the corners and pitches to see the time.");
    } else if (!speed || speed->decoderSamplesPerSecond <= 0) {
        e.cpuText = Tr::tr("%1 unique notes of %2 samples: measuring this machine's decoder speed...")
                        .arg(c.uniqueNotes)
                        .arg(report.samplesPerNote);
    } else {
        e.measured = true;
        e.decodeSeconds = samples / speed->decoderSamplesPerSecond;
        e.secondsPerShard = double(c.largestShardNotes) * double(report.samplesPerNote) / speed->decoderSamplesPerSecond;
        e.cpuText = Tr::tr("This computer's CPU: %1 (%2 unique notes, %3 samples each, in %4 batches of %5; "
                           "decoder measured here at %6 samples/s with %7 threads), plus a few seconds to encode "
                           "%8 corner notes.")
                        .arg(formatEstimate(e.decodeSeconds))
                        .arg(c.uniqueNotes)
                        .arg(report.samplesPerNote)
                        .arg(c.batches)
                        .arg(design.batchSize)
                        .arg(speed->decoderSamplesPerSecond, 0, 'f', 0)
                        .arg(speed->threads)
                        .arg(report.cornerNotes);
    }
    if (gpus.isEmpty())
        e.gpuText = Tr::tr("Local GPU: none found on this computer.");
    else
        e.gpuText = Tr::tr("Local GPU: %1 found, but nsynth grid run decodes on the CPU, so there is no GPU "
                           "estimate; the CPU time above applies.")
                        .arg(gpus.join(QStringLiteral(", ")));
    for (const ClusterTarget& t : clusters) {
        QString line;
        if (!e.measured) {
            line = Tr::tr("%1 (%2): waiting for this machine's measurement.").arg(t.name, t.where);
        } else {
            line = Tr::tr("%1 (%2, %3 CPUs per task%4): %5 shard(s) of at most %6 notes, %7 per shard if a node "
                          "decodes as fast as this computer (not measured there).")
                       .arg(t.name, t.where)
                       .arg(t.cpus)
                       .arg(t.gres.isEmpty() ? QString() : QStringLiteral(", ") + t.gres)
                       .arg(std::max(1, design.shards))
                       .arg(c.largestShardNotes)
                       .arg(formatEstimate(e.secondsPerShard));
            if (t.timeLimitSeconds > 0 && e.secondsPerShard > double(t.timeLimitSeconds)) {
                // The fewest shards whose largest fits in the time limit at this speed.
                const GridSchedule schedule(c.uniqueNotes, std::max(1, design.batchSize));
                int64_t needed = -1;
                for (int64_t n = std::max(1, design.shards); n <= std::min<int64_t>(schedule.batches(), 100000); ++n)
                    if (double(schedule.shardNotes({0, int(n)})) * double(report.samplesPerNote) /
                            speed->decoderSamplesPerSecond <=
                        double(t.timeLimitSeconds)) {
                        needed = n;
                        break;
                    }
                line += QLatin1Char(' ') +
                        (needed > 0 ? Tr::tr("That is longer than its time limit %1: plan at least %2 shards.")
                                          .arg(t.timeLimit)
                                          .arg(needed)
                                    : Tr::tr("That is longer than its time limit %1 even with one batch per shard.")
                                          .arg(t.timeLimit));
            }
        }
        e.clusterTexts << line;
    }
    return e;
}

} // namespace nsynth::app
