#pragma once
// Helpers of the workbench's tests: synthetic notes with known pitch, a private PulseAudio
// daemon with a virtual input (null sink + remap source on its monitor), modal-dialog driving,
// and fixed-size screenshots.

#include "audio_file.h"
#include "pitch.h"
#include "test_support.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QWidget>

#include <csignal>
#include <cmath>
#include <functional>
#include <sys/prctl.h>
#include <memory>
#include <numbers>
#include <vector>

namespace nsynth::test {

// A harmonic tone at MIDI `pitch`: `lead` s of silence, then a 10 ms attack and an exponential
// decay, amplitude `peak` (above 1 it clips when written).
inline std::vector<float> harmonicTone(double pitch, int rate, double seconds, double lead = 0.1, double peak = 0.5)
{
    const double f = audio::midiToHz(pitch);
    std::vector<float> x(size_t(seconds * rate), 0.0f);
    const size_t start = size_t(lead * rate);
    for (size_t i = start; i < x.size(); ++i) {
        const double t = double(i - start) / rate;
        const double env = std::min(1.0, t / 0.01) * std::exp(-t / 2.5);
        double v = 0;
        for (int h = 1; h <= 5; ++h)
            if (h * f < rate / 2.0)
                v += std::sin(2.0 * std::numbers::pi * h * f * t) / h;
        x[i] = float(peak * env * v / 1.6);
    }
    return x;
}

inline void writeTone(const QString& path, double pitch, int rate = 44100, double seconds = 3.0, double peak = 0.5,
                      double lead = 0.1)
{
    const auto x = harmonicTone(pitch, rate, seconds, lead, peak);
    QDir().mkpath(QFileInfo(path).absolutePath());
    audio::writeAudio(path.toStdString(), x.data(), int64_t(x.size()), rate);
}

// Calls `act` once the next modal dialog of type T is open (polling the event loop), then
// returns it. Dialogs opened with open() are modal without blocking, so the test keeps control.
template <typename T>
T* waitForDialog(int timeoutMs = 5000)
{
    T* dialog = nullptr;
    QElapsedTimer clock;
    clock.start();
    while (!dialog && clock.elapsed() < timeoutMs) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* d = qobject_cast<T*>(w); d && d->isVisible())
                dialog = d;
    }
    return dialog;
}

// Renders a widget at a fixed size into testOutputDir("widgets")/<name>.png and returns the path.
inline QString screenshot(QWidget* widget, const QString& name, QSize size = {1280, 800})
{
    if (size.isValid() && widget->isWindow())
        widget->resize(size);
    QApplication::processEvents();
    const QString path = testOutputDir("widgets") + "/" + name + ".png";
    const QImage image = widget->grab().toImage();
    image.save(path);
    return path;
}

// A PulseAudio daemon of our own: private runtime dir, HOME and socket; a null sink
// ("nsynth_sink") and a virtual input ("nsynth_in", remap-source of the sink's monitor).
class PulseDaemon {
public:
    ~PulseDaemon() { stop(); }

    // Empty on success, else the precise reason it cannot run here.
    QString start()
    {
        const QString exe = QStandardPaths::findExecutable("pulseaudio");
        if (exe.isEmpty())
            return "pulseaudio is not installed (scripts/install-deps.sh installs pulseaudio and pulseaudio-utils)";
        for (const char* tool : {"pactl", "pacat", "parec"})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                return QString("%1 is not installed (package pulseaudio-utils)").arg(tool);
        m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + "/nsynth-pulse-XXXXXX");
        QDir(m_dir->path()).mkpath("run");
        QDir(m_dir->path()).mkpath("home");
        m_socket = m_dir->path() + "/native";
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert("HOME", m_dir->path() + "/home");
        m_env.insert("XDG_RUNTIME_DIR", m_dir->path() + "/run");
        m_env.insert("XDG_CONFIG_HOME", m_dir->path() + "/home/.config");
        m_env.insert("PULSE_SERVER", "unix:" + m_socket);
        // The daemon and its clients die with the test, even when it crashes: nothing is left
        // running on the machine.
        const auto dieWithParent = [] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); };
        m_daemon.setChildProcessModifier(dieWithParent);
        m_keepAlive.setChildProcessModifier(dieWithParent);
        m_daemon.setProcessEnvironment(m_env);
        m_daemon.setProcessChannelMode(QProcess::MergedChannels);
        m_daemon.setStandardOutputFile(m_dir->path() + "/pulseaudio.log");
        m_daemon.start(exe, {"-n", "--daemonize=no", "--exit-idle-time=-1", "--disable-shm", "--use-pid-file=no",
                             "--log-level=notice",
                             "-L", "module-native-protocol-unix socket=" + m_socket + " auth-anonymous=1",
                             "-L", "module-null-sink sink_name=nsynth_sink rate=48000 channels=2 "
                                   "sink_properties=device.description=NSynth-test-sink",
                             "-L", "module-remap-source source_name=nsynth_in master=nsynth_sink.monitor "
                                   "source_properties=device.description=NSynth-test-input"});
        if (!m_daemon.waitForStarted(5000))
            return "pulseaudio did not start: " + m_daemon.errorString();
        QElapsedTimer clock;
        clock.start();
        QString out;
        while (clock.elapsed() < 10000) {
            if (m_daemon.state() != QProcess::Running)
                return "pulseaudio exited at start-up: " + log();
            if (QFileInfo::exists(m_socket) && pactl({"info"}, &out))
                break;
            QThread::msleep(100);
        }
        if (!pactl({"list", "short", "sources"}, &out) || !out.contains("nsynth_in"))
            return "pulseaudio started but the virtual input is missing: " + out + log();
        pactl({"list", "short", "modules"}, &out);
        for (const QString& line : out.split('\n'))
            if (line.contains("module-remap-source"))
                m_remapModule = line.section('\t', 0, 0);
        // A silent low-latency stream into the null sink for the daemon's whole life. Without a
        // client asking for low latency the null sink renders in blocks of up to 2 s, so its
        // monitor (our virtual input) delivers audio in bursts with silences between; a real
        // sound card delivers every few milliseconds, and so does the null sink with this.
        m_keepAlive.setProcessEnvironment(m_env);
        m_keepAlive.start(QStandardPaths::findExecutable("pacat"),
                          {"--server=" + server(), "--device=nsynth_sink", "--latency-msec=10", "--raw",
                           "--format=s16le", "--rate=48000", "--channels=2", "/dev/zero"});
        if (!m_keepAlive.waitForStarted(5000))
            return "pacat could not start the keep-alive stream: " + m_keepAlive.errorString();
        // The null sink picks up the low latency after the block it is rendering (up to 2 s):
        // wait until the virtual input delivers steadily, as seen by parec (not by our code).
        QElapsedTimer warm;
        warm.start();
        bool steady = false;
        while (!steady && warm.elapsed() < 10000) {
            auto parec = client("parec", {"--device=nsynth_in", "--latency-msec=20", "--raw", "--format=s16le",
                                          "--rate=16000", "--channels=1"});
            QThread::msleep(500);
            parec->terminate();
            parec->waitForFinished(2000);
            steady = parec->readAllStandardOutput().size() >= 16000 * 2 * 3 / 10;  // >= 0.3 s of 0.5 s
        }
        if (!steady)
            return "the virtual input (module-remap-source on the null sink's monitor) delivered no steady audio "
                   "within 10 s: " + log();
        m_running = true;
        return {};
    }

    void stop()
    {
        if (m_keepAlive.state() != QProcess::NotRunning) {
            m_keepAlive.kill();
            m_keepAlive.waitForFinished(2000);
        }
        if (m_daemon.state() != QProcess::NotRunning) {
            m_daemon.terminate();
            if (!m_daemon.waitForFinished(5000)) {
                m_daemon.kill();
                m_daemon.waitForFinished(2000);
            }
        }
        m_running = false;
    }

    // start(), then points this process's PulseAudio clients (Qt Multimedia connects once, so
    // before anything touches it) at the daemon. Empty on success, else why it cannot run.
    QString startForThisProcess()
    {
        const QString why = start();
        if (why.isEmpty()) {
            qputenv("PULSE_SERVER", server().toUtf8());
            qputenv("XDG_RUNTIME_DIR", runtimeDir().toUtf8());
        }
        return why;
    }

    bool running() const { return m_running && m_daemon.state() == QProcess::Running; }
    QString server() const { return "unix:" + m_socket; }
    QString runtimeDir() const { return m_dir ? m_dir->path() + "/run" : QString(); }
    QProcessEnvironment environment() const { return m_env; }
    QString log() const
    {
        QFile f(m_dir->path() + "/pulseaudio.log");
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).right(2000) : QString();
    }

    bool pactl(const QStringList& args, QString* out = nullptr)
    {
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.start(QStandardPaths::findExecutable("pactl"), QStringList{"--server=" + server()} + args);
        if (!p.waitForFinished(5000))
            return false;
        if (out)
            *out = QString::fromUtf8(p.readAllStandardOutput()) + QString::fromUtf8(p.readAllStandardError());
        return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

    // Removes / restores the virtual input (a device lost and found again).
    bool unloadInput() { return !m_remapModule.isEmpty() && pactl({"unload-module", m_remapModule}); }
    bool reloadInput()
    {
        QString out;
        if (!pactl({"load-module", "module-remap-source", "source_name=nsynth_in", "master=nsynth_sink.monitor",
                    "source_properties=device.description=NSynth-test-input"},
                   &out))
            return false;
        m_remapModule = out.trimmed();
        return true;
    }

    // A client process (pacat, parec) talking to this daemon.
    std::unique_ptr<QProcess> client(const QString& tool, const QStringList& args)
    {
        auto p = std::make_unique<QProcess>();
        p->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        p->setProcessEnvironment(m_env);
        p->start(QStandardPaths::findExecutable(tool), QStringList{"--server=" + server()} + args);
        return p;
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_socket, m_remapModule;
    QProcessEnvironment m_env;
    QProcess m_daemon, m_keepAlive;
    bool m_running = false;
};

} // namespace nsynth::test
