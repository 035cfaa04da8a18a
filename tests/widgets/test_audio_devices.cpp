// Recording and playback for real, through Qt Multimedia's PulseAudio backend and a PulseAudio
// daemon this test starts itself: private XDG_RUNTIME_DIR/HOME and socket, a null sink
// ("nsynth_sink") and a virtual input ("nsynth_in", module-remap-source on the sink's monitor).
//   - recording: pacat plays a steady tone of known pitch into the sink; the recorder (with a
//     count-in, clicks and the reference tone) records it from the virtual input; the saved note
//     must be 64000 samples at 16 kHz, 16-bit, named testtone_48.wav, pitch within 20 cents;
//   - playback: the app plays a note into the sink; parec captures the sink's monitor; the
//     capture must be the note (non-silent for its length, the right pitch);
//   - device errors: a refused format, no device, and the input removed mid-take (pactl
//     unload-module): the take so far is saved and the message names the device.
// The daemon is stopped at the end. Without pulseaudio the test SKIPs, saying why.

#include "app_settings.h"
#include "audio_devices.h"
#include "language.h"
#include "level_meter.h"
#include "main_window.h"
#include "note_conform.h"
#include "note_player.h"
#include "recorder.h"
#include "recorder_panel.h"
#include "recording_session.h"
#include "tone_player.h"
#include "widget_test_support.h"
#include "workspace.h"

#include <QLineEdit>
#include <QMediaDevices>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QUndoStack>
#include <QtTest>

using namespace nsynth;

namespace {

// A steady harmonic tone (no decay): what a held note sounds like to the recorder.
void writeSteadyTone(const QString& path, double pitch, int rate, double seconds)
{
    const double f = audio::midiToHz(pitch);
    std::vector<float> x(size_t(seconds * rate));
    for (size_t i = 0; i < x.size(); ++i) {
        const double t = double(i) / rate;
        const double env = std::min({1.0, t / 0.02, (seconds - t) / 0.02});
        x[i] = float(0.3 * env * (std::sin(2 * std::numbers::pi * f * t) + 0.5 * std::sin(4 * std::numbers::pi * f * t)));
    }
    audio::writeAudio(path.toStdString(), x.data(), int64_t(x.size()), rate);
}

double centsFrom(const std::vector<float>& x, int rate, int midi)
{
    const audio::PitchEstimate p = audio::estimatePitch(x.data(), int64_t(x.size()), rate);
    return p.voiced ? audio::centsBetween(p.frequencyHz, audio::midiToHz(midi)) : 1e9;
}

} // namespace

class TestAudioDevices : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void devicesVisible();
    void recordNoteThroughTheRecorder();
    void recorderPage();
    void playbackThroughTheApp();
    void formatRefusedAndNoDevice();
    void deviceLostMidTake();

private:
    std::unique_ptr<QProcess> playTone(const QString& path);

    test::PulseDaemon m_pulse;
    QTemporaryDir m_tmp;
    std::unique_ptr<app::AppSettings> m_settings;
    std::unique_ptr<app::LanguageManager> m_language;
    std::unique_ptr<widgets::MainWindow> m_window;
};

void TestAudioDevices::initTestCase()
{
    // Before anything touches Qt Multimedia: its PulseAudio client connects once, to this server.
    const QString why = m_pulse.startForThisProcess();
    if (!why.isEmpty())
        QSKIP(qPrintable("PulseAudio cannot run here: " + why));
    QLocale::setDefault(QLocale(QLocale::English));
    qunsetenv("NSYNTH_MODEL");
}

void TestAudioDevices::cleanupTestCase()
{
    m_window.reset();
    m_pulse.stop();
    QVERIFY(!m_pulse.running());
}

std::unique_ptr<QProcess> TestAudioDevices::playTone(const QString& path)
{
    auto pacat = m_pulse.client("pacat", {"--device=nsynth_sink", "--file-format=wav", path});
    if (!pacat->waitForStarted(5000))
        return nullptr;
    // Wait until the stream is really playing into the sink.
    QElapsedTimer clock;
    clock.start();
    QString out;
    while (clock.elapsed() < 5000) {
        if (m_pulse.pactl({"list", "short", "sink-inputs"}, &out) && !out.trimmed().isEmpty())
            break;
        QTest::qWait(50);
    }
    QTest::qWait(300);
    return pacat;
}

void TestAudioDevices::devicesVisible()
{
    QTRY_VERIFY_WITH_TIMEOUT(!audio::findAudioInput("nsynth_in").isNull(), 5000);
    QVERIFY(!audio::findAudioOutput("nsynth_sink").isNull());
    QCOMPARE(audio::findAudioInput("nsynth_in").description(), QString("NSynth-test-input"));
    const QAudioFormat f = audio::findAudioInput("nsynth_in").preferredFormat();
    qInfo("virtual input: %s", qPrintable(audio::describeFormat(f)));
    QVERIFY(f.isValid());
}

void TestAudioDevices::recordNoteThroughTheRecorder()
{
    auto ws = app::Workspace::create(m_tmp.filePath("ws-record"), "record");
    ws->setInstrument("testtone");
    ws->setTargetPitches({48, 52});
    app::RecordingSession session;
    session.setWorkspace(ws.get());
    session.recorder()->setDevice(audio::findAudioInput("nsynth_in"));
    session.tonePlayer()->setDevice(audio::findAudioOutput("nsynth_sink"));
    session.setCountInBeats(2);
    session.setTempo(240);          // 0.25 s per beat
    session.setPreRollSeconds(0.1); // shorter than a beat
    session.setReferenceTone(true);
    session.setClicks(true);
    QCOMPARE(session.currentPitch(), 48);

    const QString tone = m_tmp.filePath("tone48.wav");
    writeSteadyTone(tone, 48, 48000, 12.0);
    auto pacat = playTone(tone);
    QVERIFY(pacat);
    QSignalSpy recorded(&session, &app::RecordingSession::noteRecorded);
    QSignalSpy beats(&session, &app::RecordingSession::countInBeat);
    QSignalSpy errors(&session, &app::RecordingSession::errorOccurred);
    QVERIFY(session.record());
    QCOMPARE(session.phase(), app::RecordingSession::Phase::CountIn);
    QVERIFY2(recorded.wait(20000), qPrintable(errors.isEmpty() ? QString("no note") : errors.first().first().toString()));
    pacat->kill();
    pacat->waitForFinished();
    QCOMPARE(beats.size(), 2);
    QVERIFY(errors.isEmpty());
    QCOMPARE(recorded.first().at(1).toString(), QString("testtone_48"));

    // The saved note: 64000 samples at 16 kHz, 16-bit, correctly named, right pitch.
    const QString notePath = ws->notesDir() + "/testtone_48.wav";
    QVERIFY(QFileInfo(notePath).isFile());
    const audio::AudioData note = audio::readAudio(notePath.toStdString());
    QCOMPARE(note.sampleRate, 16000);
    QCOMPARE(note.channels, 1);
    QCOMPARE(note.frames(), int64_t(64000));
    QVERIFY2(QString::fromStdString(note.formatDescription).contains("16-bit"), note.formatDescription.c_str());
    const double cents = centsFrom(note.samples, 16000, 48);
    qInfo("recorded note: %.2f cents from MIDI 48", cents);
    QVERIFY2(std::fabs(cents) <= 20.0, qPrintable(QString::number(cents)));
    const app::Note* n = ws->noteByName("testtone", 48);
    QVERIFY(n && n->origin == "recorded");
    QVERIFY(n->report.centsFromNamed && std::fabs(*n->report.centsFromNamed) <= 20.0);
    // The raw take is kept at the device's own format: the take plus the pre-roll.
    const audio::AudioData raw = audio::readAudio(ws->sourcePath(*n).toStdString());
    const QAudioFormat device = audio::findAudioInput("nsynth_in").preferredFormat();
    QCOMPARE(raw.sampleRate, device.sampleRate());
    QCOMPARE(raw.channels, device.channelCount());
    QCOMPARE(raw.frames(), int64_t(std::llround(4.1 * device.sampleRate())));
    // Auto-advance to the next pitch; a retake replaces the note, undo brings the first back.
    QCOMPARE(session.currentPitch(), 52);
    const QString firstSha = n->sha256;
    session.setCountInBeats(0);
    pacat = playTone(tone);
    recorded.clear();
    QVERIFY(session.retake());
    QVERIFY(recorded.wait(20000));
    pacat->kill();
    pacat->waitForFinished();
    QCOMPARE(ws->notes().size(), 1);
    QVERIFY(ws->noteByName("testtone", 48)->sha256 != firstSha);
    ws->undoStack()->undo();
    QCOMPARE(ws->noteByName("testtone", 48)->sha256, firstSha);
    QCOMPARE(app::fileSha256(notePath), firstSha);
}

void TestAudioDevices::recorderPage()
{
    m_settings = std::make_unique<app::AppSettings>(m_tmp.filePath("settings.ini"));
    m_settings->setInputDevice("nsynth_in");
    m_settings->setOutputDevice("nsynth_sink");
    m_language = std::make_unique<app::LanguageManager>();
    m_language->apply("en");
    widgets::WorkbenchOptions options;
    options.resourcesDir = m_tmp.filePath("resources");
    m_window = std::make_unique<widgets::MainWindow>(m_settings.get(), m_language.get(), options);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->createWorkspace(m_tmp.filePath("ws-gui"), "gui"));
    m_window->workspace()->setInstrument("cello");
    const QString tone = m_tmp.filePath("tone36.wav");
    writeSteadyTone(tone, 36, 48000, 6.0);
    auto pacat = playTone(tone);
    QVERIFY(pacat);
    m_window->pages()->setCurrentIndex(1);
    widgets::RecorderPanel* panel = m_window->recorderPanel();
    QTRY_VERIFY(panel->isVisible());
    QVERIFY2(panel->errorText().isEmpty(), qPrintable(panel->errorText()));
    // The meter follows the live input: the tone peaks at about -8 dBFS.
    QTRY_VERIFY_WITH_TIMEOUT(panel->meter()->peakDb() > -20.0f, 5000);
    QVERIFY(panel->findChild<QPushButton*>("recordButton")->isEnabled());
    test::screenshot(m_window.get(), "recorder");
    // Space starts the count-in; Esc cancels it.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : panel, Qt::Key_Space);
    QTRY_COMPARE(m_window->recordingSession()->phase(), app::RecordingSession::Phase::CountIn);
    test::screenshot(m_window.get(), "recorder_count_in");
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : panel, Qt::Key_Escape);
    QTRY_COMPARE(m_window->recordingSession()->phase(), app::RecordingSession::Phase::Idle);
    pacat->kill();
    pacat->waitForFinished();
    m_window->pages()->setCurrentIndex(0);
}

void TestAudioDevices::playbackThroughTheApp()
{
    QVERIFY(m_window && m_window->workspace());
    const QString src = m_tmp.filePath("play/flute_57.wav");
    test::writeTone(src, 57, 16000, 4.5, 0.5, 0.0);
    QSignalSpy imported(m_window.get(), &widgets::MainWindow::importFinished);
    m_window->importPaths({src});
    QVERIFY(imported.wait(30000));
    QString id;
    for (const auto& n : m_window->workspace()->notes())
        if (n.name() == "flute_57")
            id = n.id;
    QVERIFY(!id.isEmpty());

    auto parec = m_pulse.client("parec", {"--device=nsynth_sink.monitor", "--rate=16000", "--channels=1",
                                          "--format=s16le", "--raw", "--latency-msec=20"});
    QVERIFY(parec->waitForStarted(5000));
    QTest::qWait(400);
    QSignalSpy finished(m_window->player(), &audio::NotePlayer::finished);
    QVERIFY(m_window->playNote(id));
    QVERIFY(m_window->player()->isPlaying());
    QVERIFY(finished.wait(15000));
    QTest::qWait(400);
    parec->terminate();
    parec->waitForFinished(5000);
    const QByteArray raw = parec->readAllStandardOutput();
    std::vector<float> captured(size_t(raw.size() / 2));
    for (size_t i = 0; i < captured.size(); ++i) {
        int16_t v;
        std::memcpy(&v, raw.constData() + 2 * i, 2);
        captured[i] = float(v) / 32768.0f;
    }
    QVERIFY2(captured.size() > 16000 * 4, qPrintable(QString("captured %1 samples").arg(captured.size())));
    // Where the note is in the capture: from the first to the last sample above -40 dBFS.
    size_t first = captured.size(), last = 0;
    for (size_t i = 0; i < captured.size(); ++i)
        if (std::fabs(captured[i]) > 0.01f) {
            first = std::min(first, i);
            last = i;
        }
    QVERIFY2(first < last, "the capture is silent");
    const double seconds = double(last - first) / 16000.0;
    qInfo("played note heard for %.2f s", seconds);
    QVERIFY2(seconds > 3.0 && seconds < 4.3, qPrintable(QString::number(seconds)));  // the decaying note, whole
    const std::vector<float> heard(captured.begin() + long(first), captured.begin() + long(last));
    const double cents = centsFrom(heard, 16000, 57);
    qInfo("played note: %.2f cents from MIDI 57", cents);
    QVERIFY2(std::fabs(cents) <= 20.0, qPrintable(QString::number(cents)));
}

void TestAudioDevices::formatRefusedAndNoDevice()
{
    audio::Recorder recorder;
    QSignalSpy errors(&recorder, &audio::Recorder::errorOccurred);
    QVERIFY(!recorder.startMonitoring());  // no device chosen
    QVERIFY(errors.last().first().toString().contains("No audio input device"));
    recorder.setDevice(audio::findAudioInput("nsynth_in"));
    QAudioFormat impossible;
    impossible.setSampleRate(16000);
    impossible.setChannelCount(64);  // more than PulseAudio's 32
    impossible.setSampleFormat(QAudioFormat::Int16);
    recorder.setFormatOverride(impossible);
    QVERIFY(!recorder.startMonitoring());
    const QString message = errors.last().first().toString();
    QVERIFY2(message.contains("refused") && message.contains("NSynth-test-input"), qPrintable(message));
    QCOMPARE(recorder.state(), audio::Recorder::State::Stopped);
    // The device's own format works.
    recorder.setFormatOverride({});
    QVERIFY(recorder.startMonitoring());
    recorder.stop();
}

void TestAudioDevices::deviceLostMidTake()
{
    m_window.reset();
    audio::Recorder recorder;
    recorder.setDevice(audio::findAudioInput("nsynth_in"));
    QSignalSpy finished(&recorder, &audio::Recorder::takeFinished);
    QSignalSpy errors(&recorder, &audio::Recorder::errorOccurred);
    const QString path = m_tmp.filePath("lost/take.wav");
    QDir().mkpath(QFileInfo(path).absolutePath());
    QVERIFY(recorder.startTake(path, 10.0));
    QTest::qWait(1500);
    QVERIFY(recorder.recordedSeconds() > 0.5);
    QVERIFY(m_pulse.unloadInput());  // the input disappears mid-take
    QVERIFY(finished.wait(8000));
    const auto result = finished.first().first().value<audio::TakeResult>();
    QVERIFY(!result.complete);
    QCOMPARE(result.path, path);
    QVERIFY(QFileInfo(path).isFile());
    const audio::AudioData saved = audio::readAudio(path.toStdString());
    QCOMPARE(saved.frames(), result.frames);
    QVERIFY2(result.seconds() > 0.5 && result.seconds() < 5.0, qPrintable(QString::number(result.seconds())));
    QTRY_VERIFY(!errors.isEmpty());
    const QString message = errors.last().first().toString();
    QVERIFY2(message.contains("NSynth-test-input") && message.contains(path), qPrintable(message));
    QCOMPARE(recorder.state(), audio::Recorder::State::Stopped);
    // Plugged back in: it can be chosen and used again.
    QVERIFY(m_pulse.reloadInput());
    QTRY_VERIFY_WITH_TIMEOUT(!audio::findAudioInput("nsynth_in").isNull(), 5000);
    recorder.setDevice({});
    recorder.setDevice(audio::findAudioInput("nsynth_in"));
    QVERIFY(recorder.startMonitoring());
    recorder.stop();
}

QTEST_MAIN(TestAudioDevices)
#include "test_audio_devices.moc"
