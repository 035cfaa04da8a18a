#include "grid_preview_source.h"

#include "audio_file.h"
#include "error.h"
#include "ons_postprocess.h"
#include "resample.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace nsynth::app {

GridPreviewSource::GridPreviewSource(const QString& jobFolder) : m_job(GridJob::open(jobFolder))
{
    refresh();
}

std::array<QStringList, 4> GridPreviewSource::cornerInstruments() const
{
    std::array<QStringList, 4> out;
    for (size_t k = 0; k < 4; ++k)
        for (const auto& name : m_job.plan().spec.corners[k])
            out[k] << QString::fromStdString(name);
    return out;
}

int GridPreviewSource::combination(const std::array<int, 4>& choice) const
{
    const GridPlan& plan = m_job.plan();
    std::array<int, 4> wanted{};
    for (size_t k = 0; k < 4; ++k) {
        const auto& list = plan.spec.corners[k];
        if (choice[k] < 0 || size_t(choice[k]) >= list.size())
            return -1;
        wanted[k] = plan.instrumentIndex(list[size_t(choice[k])]);
    }
    for (size_t c = 0; c < plan.combinations.size(); ++c)
        if (plan.combinations[c] == wanted)
            return int(c);
    return -1;
}

QString GridPreviewSource::combinationName(int combination) const
{
    if (combination < 0 || size_t(combination) >= m_job.plan().combinations.size())
        return {};
    return QString::fromStdString(m_job.plan().combinationName(combination));
}

void GridPreviewSource::refresh()
{
    m_finished = m_job.finishedNotes();
    m_notesDone = std::count(m_finished.begin(), m_finished.end(), uint8_t(1));
}

bool GridPreviewSource::isGenerated(int combination, int cell, int pitchIndex) const
{
    const int32_t note = m_job.plan().noteAt(combination, cell, pitchIndex);
    return note >= 0 && size_t(note) < m_finished.size() && m_finished[size_t(note)];
}

int GridPreviewSource::generatedPitches(int combination, int cell) const
{
    int n = 0;
    for (size_t j = 0; j < pitches().size(); ++j)
        n += isGenerated(combination, cell, int(j));
    return n;
}

std::shared_ptr<const std::vector<float>> GridPreviewSource::finalNote(int64_t note)
{
    if (auto it = m_cache.find(note); it != m_cache.end()) {
        m_lru.remove(note);
        m_lru.push_back(note);
        return it.value();
    }
    const audio::AudioData raw = audio::readAudio(m_job.rawPath(note).toStdString());
    const std::vector<float> mono = audio::mixToMono(raw);
    // The export's post-processing with the job's options: what the banks will hold.
    const std::vector<int16_t> final =
        audio::onsPostProcess(mono.data(), int64_t(mono.size()), m_job.settings().post);
    auto samples = std::make_shared<std::vector<float>>(final.size());
    for (size_t i = 0; i < final.size(); ++i)
        (*samples)[i] = float(final[i]) / 32768.0f;
    m_cache.insert(note, samples);
    m_lru.push_back(note);
    while (m_lru.size() > m_cacheLimit) {
        m_cache.remove(m_lru.front());
        m_lru.pop_front();
    }
    return samples;
}

std::vector<SynthSample> GridPreviewSource::cellSamples(int combination, int cell)
{
    std::vector<SynthSample> out(pitches().size());
    if (combination < 0 || size_t(combination) >= m_job.plan().combinations.size() || cell < 0 ||
        cell >= m_job.plan().cells())
        return out;
    for (size_t j = 0; j < pitches().size(); ++j) {
        out[j].pitch = pitches()[j];
        out[j].sampleRate = sampleRate();
        if (!isGenerated(combination, cell, int(j)))
            continue;
        out[j].samples = finalNote(m_job.plan().noteAt(combination, cell, int(j)));
    }
    return out;
}

QString GridPreviewSource::sourcePath(const QString& instrument, int pitchIndex) const
{
    if (pitchIndex < 0 || size_t(pitchIndex) >= pitches().size())
        return {};
    const int pitch = pitches()[size_t(pitchIndex)];
    const QJsonArray notes = m_job.jobJson().value("resolved").toObject().value("notes").toArray();
    for (const auto& v : notes) {
        const QJsonObject n = v.toObject();
        if (n.value("instrument").toString() == instrument && n.value("pitch").toInt() == pitch &&
            n.value("kind").toString() == "audio")
            return n.value("path").toString();
    }
    return {};
}

SynthSample GridPreviewSource::sourceSample(const QString& instrument, int pitchIndex)
{
    SynthSample s;
    s.sampleRate = sampleRate();
    if (pitchIndex < 0 || size_t(pitchIndex) >= pitches().size())
        return s;
    s.pitch = pitches()[size_t(pitchIndex)];
    const QString path = sourcePath(instrument, pitchIndex);
    if (path.isEmpty())
        return s;
    if (auto it = m_sources.find(path); it != m_sources.end()) {
        s.samples = it.value();
        return s;
    }
    const audio::AudioData a = audio::readAudio(path.toStdString());
    std::vector<float> mono = audio::mixToMono(a);
    if (a.sampleRate != sampleRate())
        mono = audio::resample(mono, a.sampleRate, sampleRate());
    auto shared = std::make_shared<const std::vector<float>>(std::move(mono));
    m_sources.insert(path, shared);
    s.samples = shared;
    return s;
}

} // namespace nsynth::app
