#include "recording_session.h"

#include "background_task.h"
#include "error.h"
#include "note_conform.h"
#include "note_name.h"
#include "pitch.h"
#include "tone_player.h"
#include "workspace.h"
#include "workspace_commands.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUndoStack>
#include <QUuid>

namespace nsynth::app {

RecordingSession::RecordingSession(QObject* parent)
    : QObject(parent), m_recorder(new audio::Recorder(this)), m_tone(new audio::TonePlayer(this))
{
    connect(m_recorder, &audio::Recorder::errorOccurred, this, &RecordingSession::errorOccurred);
    connect(m_tone, &audio::TonePlayer::errorOccurred, this, &RecordingSession::errorOccurred);
    connect(m_recorder, &audio::Recorder::takeFinished, this, &RecordingSession::onTakeFinished);
    connect(&m_beatTimer, &QTimer::timeout, this, &RecordingSession::beat);
}

RecordingSession::~RecordingSession()
{
    m_beatTimer.stop();
    if (m_conform) {
        m_conform->disconnect(this);
        delete m_conform;
    }
}

void RecordingSession::setWorkspace(Workspace* workspace)
{
    cancel();
    m_ws = workspace;
    m_index = 0;
    m_lastIndex = -1;
    m_lastNoteId.clear();
    Q_EMIT currentIndexChanged(m_index);
}

QString RecordingSession::instrument() const
{
    return m_ws ? m_ws->instrument() : QString();
}

void RecordingSession::setInstrument(const QString& name)
{
    if (m_ws)
        m_ws->setInstrument(name.trimmed());
}

QString RecordingSession::instrumentProblem(const QString& name)
{
    if (name.trimmed().isEmpty())
        return tr("Enter the instrument's name (letters, digits and hyphens).");
    std::string why;
    if (!audio::isValidInstrumentName(name.trimmed().toStdString(), &why))
        return tr("\"%1\" cannot be used as an instrument name: use 1 to 64 letters, digits or hyphens "
                  "(no underscores or spaces), since it becomes part of file names.")
            .arg(name.trimmed());
    return {};
}

QList<int> RecordingSession::pitches() const
{
    return m_ws ? m_ws->targetPitches() : Workspace::defaultTargetPitches();
}

void RecordingSession::setPitches(const QList<int>& pitches)
{
    if (!m_ws)
        return;
    m_ws->setTargetPitches(pitches);
    setCurrentIndex(std::clamp(m_index, 0, std::max(0, int(pitches.size()) - 1)));
}

bool RecordingSession::parsePitchList(const QString& text, QList<int>* pitches, QString* why)
{
    QList<int> out;
    const QStringList tokens = text.split(QRegularExpression("[,;\\s]+"), Qt::SkipEmptyParts);
    static const QRegularExpression range("^(\\d{1,3})-(\\d{1,3})(?:/(\\d{1,3}))?$");
    auto bad = [why](const QString& message) {
        if (why)
            *why = message;
        return false;
    };
    for (const QString& t : tokens) {
        const QRegularExpressionMatch m = range.match(t);
        if (m.hasMatch()) {
            const int a = m.captured(1).toInt(), b = m.captured(2).toInt();
            const int step = m.captured(3).isEmpty() ? 1 : m.captured(3).toInt();
            if (a > 127 || b > 127 || step < 1 || b < a)
                return bad(tr("\"%1\" is not a range of MIDI pitches (from-to/step, 0..127).").arg(t));
            for (int p = a; p <= b; p += step)
                out.append(p);
            continue;
        }
        bool ok = false;
        const int p = t.toInt(&ok);
        if (!ok || p < 0 || p > 127)
            return bad(tr("\"%1\" is not a MIDI pitch (0..127).").arg(t));
        out.append(p);
    }
    if (out.isEmpty())
        return bad(tr("Give at least one pitch."));
    if (pitches)
        *pitches = out;
    return true;
}

QString RecordingSession::formatPitchList(const QList<int>& pitches)
{
    QStringList parts;
    for (int p : pitches)
        parts.append(QString::number(p));
    return parts.join(QStringLiteral(", "));
}

int RecordingSession::currentPitch() const
{
    const QList<int> list = pitches();
    return m_index >= 0 && m_index < list.size() ? list[m_index] : -1;
}

void RecordingSession::setCurrentIndex(int index)
{
    const int n = int(pitches().size());
    index = n == 0 ? 0 : std::clamp(index, 0, n - 1);
    if (index == m_index)
        return;
    m_index = index;
    if (m_tone->isTonePlaying() && m_phase == Phase::Idle && currentPitch() >= 0)
        m_tone->startTone(audio::midiToHz(currentPitch()));
    Q_EMIT currentIndexChanged(index);
}

void RecordingSession::setPhase(Phase phase)
{
    if (phase == m_phase)
        return;
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
}

QString RecordingSession::recordProblem() const
{
    if (!m_ws)
        return tr("Open or create a workspace before recording.");
    const QString problem = instrumentProblem(instrument());
    if (!problem.isEmpty())
        return problem;
    if (currentPitch() < 0)
        return tr("The list of pitches to record is empty.");
    if (m_phase != Phase::Idle)
        return tr("A take is in progress.");
    return {};
}

bool RecordingSession::record()
{
    const QString problem = recordProblem();
    if (!problem.isEmpty()) {
        Q_EMIT errorOccurred(problem);
        return false;
    }
    m_takePitch = currentPitch();
    m_takeInstrument = instrument();
    m_lastIndex = m_index;
    if (!m_recorder->startMonitoring())
        return false;  // the recorder said why
    if (m_countInBeats <= 0) {
        m_tone->stopTone();
        startTake();
        return m_phase == Phase::Recording;
    }
    m_beatsLeft = m_countInBeats;
    setPhase(Phase::CountIn);
    if (m_referenceTone)
        m_tone->startTone(audio::midiToHz(m_takePitch));
    beat();
    m_beatTimer.start(int(std::lround(60000.0 / m_tempo)));
    return true;
}

bool RecordingSession::retake()
{
    if (m_lastIndex < 0)
        return record();
    setCurrentIndex(m_lastIndex);
    return record();
}

void RecordingSession::beat()
{
    if (m_phase != Phase::CountIn)
        return;
    if (m_beatsLeft <= 0) {
        m_beatTimer.stop();
        startTake();
        return;
    }
    if (m_clicks)
        m_tone->click(m_beatsLeft == m_countInBeats);
    // The tone stops a whole beat before the take, so neither it nor its fade is recorded.
    if (m_beatsLeft == 1)
        m_tone->stopTone();
    Q_EMIT countInBeat(m_beatsLeft);
    --m_beatsLeft;
}

QString RecordingSession::takePath() const
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    return QDir(m_ws->sourcesDir())
        .filePath(QStringLiteral("%1_%2-take-%3.wav").arg(m_takeInstrument).arg(m_takePitch).arg(stamp));
}

void RecordingSession::startTake()
{
    if (!m_ws) {
        setPhase(Phase::Idle);
        return;
    }
    m_tone->stopTone();
    QDir().mkpath(m_ws->sourcesDir());
    if (!m_recorder->startTake(takePath(), kTakeSeconds, m_preRoll)) {
        setPhase(Phase::Idle);
        return;
    }
    setPhase(Phase::Recording);
}

void RecordingSession::cancel()
{
    m_beatTimer.stop();
    if (m_phase == Phase::CountIn) {
        m_tone->stopTone();
        setPhase(Phase::Idle);
    } else if (m_phase == Phase::Recording) {
        m_recorder->cancelTake();
        setPhase(Phase::Idle);
        Q_EMIT message(tr("The take was discarded."));
    }
}

void RecordingSession::stopEarly()
{
    if (m_phase == Phase::Recording)
        m_recorder->stopTake();
}

void RecordingSession::toggleReferenceTone(bool on)
{
    if (!on) {
        m_tone->stopTone();
        return;
    }
    if (m_phase == Phase::Recording || currentPitch() < 0)
        return;
    m_tone->startTone(audio::midiToHz(currentPitch()));
}

void RecordingSession::onTakeFinished(const audio::TakeResult& result)
{
    if (m_phase != Phase::Recording)
        return;
    if (!result.complete) {
        setPhase(Phase::Idle);
        Q_EMIT message(tr("The take is shorter than %1 s, so it was not made into a note. What was recorded "
                          "(%2 s) is kept in %3.")
                           .arg(kTakeSeconds + m_preRoll, 0, 'f', 1)
                           .arg(result.seconds(), 0, 'f', 1)
                           .arg(result.path));
        return;
    }
    if (!m_ws) {
        setPhase(Phase::Idle);
        return;
    }
    setPhase(Phase::Conforming);
    Note note;
    note.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    note.instrument = m_takeInstrument;
    note.pitch = m_takePitch;
    note.origin = QStringLiteral("recorded");
    note.created = QDateTime::currentDateTimeUtc();
    note.source = m_ws->relativePath(result.path);
    note.sourceName = QFileInfo(result.path).fileName();
    const QString staged = QDir(m_ws->stagingDir()).filePath(note.id + ".wav");
    QDir().mkpath(m_ws->stagingDir());
    auto outcome = std::make_shared<Note>(note);
    const int takeIndex = m_lastIndex;
    m_conform = new BackgroundTask(tr("Conforming the take"), this);
    connect(m_conform, &BackgroundTask::finished, this, [this, outcome, staged, takeIndex](bool, const QString& error) {
        m_conform->deleteLater();
        m_conform = nullptr;
        setPhase(Phase::Idle);
        if (!error.isEmpty()) {
            Q_EMIT errorOccurred(tr("The take could not be conformed: %1").arg(error));
            return;
        }
        if (!m_ws)
            return;
        auto* command = new AddNoteCommand(m_ws, *outcome, staged);
        command->setText(tr("Record %1").arg(outcome->name()));
        m_ws->undoStack()->push(command);
        m_lastNoteId = outcome->id;
        Q_EMIT noteRecorded(outcome->id, outcome->name());
        if (m_autoAdvance) {
            if (takeIndex + 1 < pitches().size())
                setCurrentIndex(takeIndex + 1);
            else
                Q_EMIT allPitchesRecorded();
        }
    });
    const QString source = result.path;
    m_conform->start([outcome, source, staged](BackgroundTask&) {
        const ConformOutcome c = conformOriginal(source, outcome->fileName(), outcome->settings);
        outcome->report = c.report;
        outcome->sha256 = writeNoteFile(staged, c.samples);
    });
}

} // namespace nsynth::app
