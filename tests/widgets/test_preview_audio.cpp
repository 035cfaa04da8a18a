// The grid preview heard for real: a PulseAudio daemon of the test's own (tests/widgets'
// PulseDaemon: private runtime dir and socket, a null sink), a grid job whose notes are tones of
// known pitch, and the Preview page playing it from the computer keyboard and the on-screen
// keyboard into the sink; parec captures the sink's monitor and the pitch of what was played
// must be the key's (the nearest generated pitch resampled by 2^(semitones/12)), within 20 cents.
// Also: corners with two instruments give a corner selector that switches banks, and a
// corner's source note plays. Without pulseaudio the test SKIPs, saying why.

#include "audio_devices.h"
#include "grid_job.h"
#include "grid_preview_page.h"
#include "grid_preview_source.h"
#include "ons_raw_notes.h"
#include "piano_keyboard.h"
#include "pitch.h"
#include "stream_player.h"
#include "widget_test_support.h"
#include "xy_pad.h"

#include <QComboBox>
#include <QPushButton>
#include <QtTest>

#include <cstring>

using namespace nsynth;

namespace {

std::vector<float> toFloats(const QByteArray& raw)
{
    std::vector<float> out(size_t(raw.size() / 2));
    for (size_t i = 0; i < out.size(); ++i) {
        int16_t v;
        std::memcpy(&v, raw.constData() + 2 * i, 2);
        out[i] = float(v) / 32768.0f;
    }
    return out;
}

// The loud part of a capture (above -30 dBFS), where a note was played.
std::vector<float> loudPart(const std::vector<float>& x)
{
    size_t first = x.size(), last = 0;
    for (size_t i = 0; i < x.size(); ++i)
        if (std::fabs(x[i]) > 0.03f) {
            first = std::min(first, i);
            last = i;
        }
    return first < last ? std::vector<float>(x.begin() + long(first), x.begin() + long(last)) : std::vector<float>{};
}

} // namespace

class TestPreviewAudio : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void keyboardPlaybackReachesTheSink();

private:
    // Plays with `press` (key down) and `release`, captures, returns the pitch error in cents.
    double playAndMeasure(const std::function<void()>& press, const std::function<void()>& release, double midi,
                          std::vector<float>* captured = nullptr);

    test::PulseDaemon m_pulse;
    QTemporaryDir m_tmp;
    std::unique_ptr<widgets::GridPreviewPage> m_page;
};

void TestPreviewAudio::initTestCase()
{
    const QString why = m_pulse.startForThisProcess();
    if (!why.isEmpty())
        QSKIP(qPrintable("PulseAudio cannot run here: " + why));
    QLocale::setDefault(QLocale(QLocale::English));
}

void TestPreviewAudio::cleanupTestCase()
{
    m_page.reset();
    m_pulse.stop();
}

double TestPreviewAudio::playAndMeasure(const std::function<void()>& press, const std::function<void()>& release,
                                        double midi, std::vector<float>* captured)
{
    auto parec = m_pulse.client("parec", {"--device=nsynth_sink.monitor", "--rate=16000", "--channels=1",
                                          "--format=s16le", "--raw", "--latency-msec=20"});
    if (!parec->waitForStarted(5000))
        return 1e9;
    QTest::qWait(300);
    press();
    QTest::qWait(1500);
    release();
    QTest::qWait(700);  // the release and the sound server's buffer
    parec->terminate();
    parec->waitForFinished(5000);
    const std::vector<float> x = loudPart(toFloats(parec->readAllStandardOutput()));
    if (captured)
        *captured = x;
    if (x.size() < 16000 / 2)
        return 1e9;
    const audio::PitchEstimate p = audio::estimatePitch(x.data(), int64_t(x.size()), 16000);
    return p.voiced ? audio::centsBetween(p.frequencyHz, audio::midiToHz(midi)) : 1e9;
}

void TestPreviewAudio::keyboardPlaybackReachesTheSink()
{
    // A job over tones: two instruments in the top-left corner, pitches 60 and 64. Planned with a
    // tiny model, then its notes written as tones of the notes' pitches (what a perfect model
    // would give back), so what we hear has a known pitch.
    const QString notes = m_tmp.filePath("notes");
    for (const char* i : {"alpha", "beta", "gamma", "delta", "omega"})
        for (int p : {60, 64})
            test::writeTone(QString("%1/%2_%3.wav").arg(notes, i).arg(p), p, 16000, 4.0, 0.5, 0.02);
    const QString model = m_tmp.filePath("tiny.safetensors");
    const QString job = m_tmp.filePath("job");
    const QString nsynthBin = QString::fromUtf8(NSYNTH_BIN);
    const test::CommandRun init = test::runCommand(nsynthBin, {"init", "--preset", "tiny", "-o", model});
    QVERIFY2(init.rc == 0, qPrintable(init.why()));
    const test::CommandRun plan = test::runCommand(
        nsynthBin, {"grid", "plan", "--notes", notes, "--corners", "alpha+omega,beta,gamma,delta", "--pitches", "60,64",
                    "--resolution", "3", "--model", model, "--no-measure", "--progress", "none", "-o", job});
    QVERIFY2(plan.rc == 0, qPrintable(plan.why()));
    const app::GridJob opened = app::GridJob::open(job);
    for (int64_t n = 0; n < int64_t(opened.plan().notes.size()); ++n) {
        const auto tone = test::harmonicTone(opened.plan().notes[size_t(n)].pitch, 16000, 4.0, 0.0, 0.4);
        audio::writeRawNote(opened.rawPath(n).toStdString(), tone.data(), int64_t(tone.size()), 16000);
    }

    m_page = std::make_unique<widgets::GridPreviewPage>();
    m_page->setOutputDevice("nsynth_sink");
    m_page->resize(1100, 720);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QVERIFY(m_page->openJob(job));
    m_page->setActive(true);
    QVERIFY2(m_page->player()->isRunning(), qPrintable(m_page->errorText()));
    QVERIFY(m_page->errorText().isEmpty());
    QCOMPARE(m_page->keyMap().baseNote(), 60);
    m_page->activateWindow();
    m_page->setFocus();

    // The computer keyboard: S is 62, between 60 and 64: the lower one, two semitones up.
    double cents = playAndMeasure([&] { QTest::keyPress(m_page.get(), Qt::Key_S); },
                                  [&] { QTest::keyRelease(m_page.get(), Qt::Key_S); }, 62);
    QVERIFY2(std::fabs(cents) < 20, qPrintable(QString("key S (62): %1 cents").arg(cents)));
    // E is 63: nearest 64, a semitone down.
    cents = playAndMeasure([&] { QTest::keyPress(m_page.get(), Qt::Key_E); },
                           [&] { QTest::keyRelease(m_page.get(), Qt::Key_E); }, 63);
    QVERIFY2(std::fabs(cents) < 20, qPrintable(QString("key E (63): %1 cents").arg(cents)));
    // The on-screen keyboard: G4 (67) from 64, three semitones up.
    widgets::PianoKeyboard* keys = m_page->keyboard();
    cents = playAndMeasure([&] { QTest::mousePress(keys, Qt::LeftButton, Qt::NoModifier, keys->keyCentre(67)); },
                           [&] { QTest::mouseRelease(keys, Qt::LeftButton, Qt::NoModifier, keys->keyCentre(67)); }, 67);
    QVERIFY2(std::fabs(cents) < 20, qPrintable(QString("on-screen 67: %1 cents").arg(cents)));
    // Several keys at once sound as several voices.
    QTest::keyPress(m_page.get(), Qt::Key_A);
    QTest::keyPress(m_page.get(), Qt::Key_D);
    QTest::keyPress(m_page.get(), Qt::Key_G);
    QCOMPARE(m_page->synth().activeVoices(), 3);
    QVERIFY(keys->isPressed(60) && keys->isPressed(64) && keys->isPressed(67));
    QTest::mouseClick(m_page->pad(), Qt::LeftButton, Qt::NoModifier, m_page->pad()->touchPosition(2, 8));
    test::screenshot(m_page.get(), "grid_preview", {1100, 720});
    for (auto k : {Qt::Key_A, Qt::Key_D, Qt::Key_G})
        QTest::keyRelease(m_page.get(), k);

    // Two instruments in a corner: a selector, and another bank.
    auto* corner = m_page->findChild<QComboBox*>("previewCorner0");
    QVERIFY(corner->isEnabled());
    QCOMPARE(corner->count(), 2);
    const int before = m_page->combination();
    QVERIFY(m_page->selectCombination({1, 0, 0, 0}));
    QVERIFY(m_page->combination() != before);
    QVERIFY2(m_page->statusText().contains("omega_beta_gamma_delta"), qPrintable(m_page->statusText()));

    // A corner's source note, at the last key's pitch (67 from the 64 note).
    auto* source = m_page->findChild<QPushButton*>("previewSource1");
    QVERIFY(source->isEnabled());
    QVERIFY(source->text().contains("beta"));
    cents = playAndMeasure([&] { QTest::mousePress(source, Qt::LeftButton); },
                           [&] { QTest::mouseRelease(source, Qt::LeftButton); }, 67);
    QVERIFY2(std::fabs(cents) < 20, qPrintable(QString("source note: %1 cents").arg(cents)));
    m_page->setActive(false);
    QVERIFY(!m_page->player()->isRunning());
}

QTEST_MAIN(TestPreviewAudio)
#include "test_preview_audio.moc"
