// note_name.h: workshop (instrument_pitch.wav) and NSynth (family_source_NNN-PPP-VVV.wav) names
// parse, everything else is refused (never guessed), and the refusal says what is wrong.

#include "error.h"
#include "note_name.h"
#include "test_support.h"

#include <QDir>
#include <QtTest>

using namespace nsynth;
using namespace nsynth::audio;

class TestNoteName : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void workshopNames_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("instrument");
        QTest::addColumn<int>("pitch");
        QTest::newRow("plain") << "flute_60.wav" << "flute" << 60;
        QTest::newRow("folders dropped") << "/home/u/workshop/notes/flute_60.wav" << "flute" << 60;
        QTest::newRow("flac") << "cello_36.flac" << "cello" << 36;
        QTest::newRow("no extension") << "kazoo_48" << "kazoo" << 48;
        QTest::newRow("dashes, digits, case kept") << "Old-Piano-2_024.wav" << "Old-Piano-2" << 24;
        QTest::newRow("leading zeros") << "x_007.wav" << "x" << 7;
        QTest::newRow("zero") << "bell_0.wav" << "bell" << 0;
        QTest::newRow("127") << "bell_127.wav" << "bell" << 127;
        QTest::newRow("64 chars") << QString(64, 'a') + "_60.wav" << QString(64, 'a') << 60;
        QTest::newRow("folder with underscores") << "my_notes_2024/voice_52.wav" << "voice" << 52;
        QTest::newRow("dotted folder") << "a.b/c_1" << "c" << 1;
    }

    void workshopNames()
    {
        QFETCH(QString, path);
        QFETCH(QString, instrument);
        QFETCH(int, pitch);
        const auto n = parseNoteName(path.toStdString());
        QVERIFY2(n, qPrintable(QString::fromStdString(explainNoteNameProblem(path.toStdString()))));
        QCOMPARE(int(n->style), int(NoteName::Style::Workshop));
        QCOMPARE(QString::fromStdString(n->instrument), instrument);
        QCOMPARE(QString::fromStdString(n->safeInstrument), instrument);
        QCOMPARE(n->pitch, pitch);
        QCOMPARE(n->velocity, -1);
        QVERIFY(n->family.empty() && n->source.empty());
        QCOMPARE(explainNoteNameProblem(path.toStdString()), std::string());
    }

    void nsynthNames_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("instrument");
        QTest::addColumn<int>("pitch");
        QTest::addColumn<int>("velocity");
        QTest::newRow("guitar") << "guitar_acoustic_030-102-127.wav" << "guitar" << "acoustic" << "guitar_acoustic_030" << 102 << 127;
        QTest::newRow("synth_lead") << "data/synth_lead_synthetic_002-048-127.wav" << "synth_lead" << "synthetic" << "synth_lead_synthetic_002" << 48 << 127;
        QTest::newRow("electronic") << "organ_electronic_007-058-025" << "organ" << "electronic" << "organ_electronic_007" << 58 << 25;
        QTest::newRow("zeros") << "vocal_acoustic_000-000-000.wav" << "vocal" << "acoustic" << "vocal_acoustic_000" << 0 << 0;
    }

    void nsynthNames()
    {
        QFETCH(QString, path);
        QFETCH(QString, family);
        QFETCH(QString, source);
        QFETCH(QString, instrument);
        QFETCH(int, pitch);
        QFETCH(int, velocity);
        const auto n = parseNoteName(path.toStdString());
        QVERIFY2(n, qPrintable(QString::fromStdString(explainNoteNameProblem(path.toStdString()))));
        QCOMPARE(int(n->style), int(NoteName::Style::NSynth));
        QCOMPARE(QString::fromStdString(n->family), family);
        QCOMPARE(QString::fromStdString(n->source), source);
        QCOMPARE(QString::fromStdString(n->instrument), instrument);
        QCOMPARE(n->pitch, pitch);
        QCOMPARE(n->velocity, velocity);
        QString safe = instrument;
        safe.replace('_', '-');
        QCOMPARE(QString::fromStdString(n->safeInstrument), safe);
        QVERIFY(isValidInstrumentName(n->safeInstrument));
        // The safe name makes a workshop file name that parses back to the same pitch.
        const auto back = parseNoteName(workshopFileName(n->safeInstrument, n->pitch));
        QVERIFY(back && back->pitch == pitch && back->instrument == n->safeInstrument);
    }

    void invalidNames_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("empty") << "";
        QTest::newRow("only extension") << ".wav";
        QTest::newRow("folder only") << "notes/";
        QTest::newRow("no underscore") << "flute60.wav";
        QTest::newRow("underscore in instrument") << "alto_sax_60.wav";
        QTest::newRow("pitch 128") << "flute_128.wav";
        QTest::newRow("pitch 999999999999") << "flute_999999999999.wav";
        QTest::newRow("negative") << "flute_-5.wav";
        QTest::newRow("plus sign") << "flute_+5.wav";
        QTest::newRow("note name") << "flute_C4.wav";
        QTest::newRow("fractional") << "flute_60.5.wav";
        QTest::newRow("missing pitch") << "flute_.wav";
        QTest::newRow("missing instrument") << "_60.wav";
        QTest::newRow("space") << "alto sax_60.wav";
        QTest::newRow("trailing space in pitch") << "flute_60 .wav";
        QTest::newRow("shell") << "a;rm -rf_60.wav";
        QTest::newRow("subshell") << "$(reboot)_60.wav";
        QTest::newRow("unicode") << QString::fromUtf8("fl\u00f6te_60.wav");
        QTest::newRow("emoji") << QString::fromUtf8("\U0001F3BA_60.wav");
        QTest::newRow("65 chars") << QString(65, 'a') + "_60.wav";
        QTest::newRow("control char") << QString("fl\tute_60.wav");
        QTest::newRow("nsynth 2-digit") << "guitar_acoustic_30-102-127.wav";
        QTest::newRow("nsynth pitch 130") << "guitar_acoustic_030-130-127.wav";
        QTest::newRow("nsynth velocity 200") << "guitar_acoustic_030-060-200.wav";
        QTest::newRow("nsynth no velocity") << "guitar_acoustic_030-060.wav";
        QTest::newRow("nsynth unknown family") << "piano_acoustic_030-060-100.wav";
        QTest::newRow("nsynth unknown source") << "guitar_analog_030-060-100.wav";
        QTest::newRow("nsynth uppercase") << "Guitar_Acoustic_030-060-100.wav";
        QTest::newRow("nsynth extra") << "guitar_acoustic_030-060-100-1.wav";
        QTest::newRow("two notes") << "flute_60_62.wav";
    }

    void invalidNames()
    {
        QFETCH(QString, path);
        const std::string p = path.toStdString();
        QVERIFY2(!parseNoteName(p), qPrintable(path));
        const std::string why = explainNoteNameProblem(p);
        QVERIFY2(!why.empty(), qPrintable(path));
        QVERIFY2(why.find('\n') == std::string::npos, why.c_str());
    }

    // The explanation names the actual problem.
    void explanations_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("says");
        QTest::newRow("pitch 130") << "flute_130.wav" << "pitch 130 is outside MIDI 0..127";
        QTest::newRow("huge pitch") << "flute_99999999999999999999.wav" << "pitch 99999999999999999999 is outside MIDI 0..127";
        QTest::newRow("underscore") << "alto_sax_60.wav" << "instrument name contains an underscore";
        QTest::newRow("no underscore") << "flute60.wav" << "expected instrument_pitch.wav";
        QTest::newRow("empty") << "" << "file name is empty";
        QTest::newRow("negative") << "flute_-5.wav" << "without a sign";
        QTest::newRow("note name") << "flute_C4.wav" << "pitch 'C4' is not a MIDI note number";
        QTest::newRow("missing pitch") << "flute_.wav" << "pitch is missing";
        QTest::newRow("missing instrument") << "_60.wav" << "instrument name is empty";
        QTest::newRow("space") << "alto sax_60.wav" << "contains a space";
        QTest::newRow("shell") << "a;rm -rf_60.wav" << "contains ';'";
        QTest::newRow("unicode") << QString::fromUtf8("fl\u00f6te_60.wav") << "non-ASCII";
        QTest::newRow("too long") << QString(65, 'a') + "_60.wav" << "65 characters long, at most 64";
        QTest::newRow("nsynth shape") << "guitar_acoustic_30-102-127.wav" << "three digits each";
        QTest::newRow("nsynth pitch") << "guitar_acoustic_030-130-127.wav" << "pitch 130 is outside MIDI 0..127";
        QTest::newRow("nsynth velocity") << "guitar_acoustic_030-060-200.wav" << "velocity 200 is outside 0..127";
    }

    void explanations()
    {
        QFETCH(QString, path);
        QFETCH(QString, says);
        const QString why = QString::fromStdString(explainNoteNameProblem(path.toStdString()));
        QVERIFY2(why.contains(says), qPrintable(path + " -> " + why));
    }

    void instrumentNames()
    {
        std::string why;
        QVERIFY(isValidInstrumentName("flute", &why));
        QVERIFY(why.empty());
        QVERIFY(isValidInstrumentName("A-1-b"));
        QVERIFY(isValidInstrumentName(std::string(64, 'z')));
        QVERIFY(!isValidInstrumentName(std::string(65, 'z'), &why));
        QVERIFY(QString::fromStdString(why).contains("at most 64"));
        QVERIFY(!isValidInstrumentName("", &why));
        QVERIFY(QString::fromStdString(why).contains("empty"));
        QVERIFY(!isValidInstrumentName("a_b", &why));
        QVERIFY(QString::fromStdString(why).contains("underscore"));
        for (const char* bad : {"a b", "a/b", "a.b", "a\\b", "../x", "a;b", "a\"b", "\xc3\xa4"})
            QVERIFY2(!isValidInstrumentName(bad), bad);
    }

    void workshopFileNames()
    {
        QCOMPARE(audio::workshopFileName("flute", 60), std::string("flute_60.wav"));
        QCOMPARE(audio::workshopFileName("x", 0), std::string("x_0.wav"));
        for (auto [instrument, pitch] : std::vector<std::pair<std::string, int>>{{"a_b", 60}, {"", 60}, {"flute", 128}, {"flute", -1}}) {
            bool threw = false;
            try {
                audio::workshopFileName(instrument, pitch);
            } catch (const Error&) {
                threw = true;
            }
            QVERIFY2(threw, instrument.c_str());
        }
        // Every valid pitch round-trips.
        for (int p = 0; p <= 127; ++p) {
            const auto n = parseNoteName(audio::workshopFileName("round-trip", p));
            QVERIFY(n && n->pitch == p && n->instrument == "round-trip");
        }
    }

    void midiNoteNames()
    {
        QCOMPARE(midiNoteName(60), std::string("C4"));
        QCOMPARE(midiNoteName(69), std::string("A4"));
        QCOMPARE(midiNoteName(21), std::string("A0"));
        QCOMPARE(midiNoteName(22), std::string("A#0"));
        QCOMPARE(midiNoteName(0), std::string("C-1"));
        QCOMPARE(midiNoteName(127), std::string("G9"));
    }

    // All real NSynth file names in the test data parse, and agree with instruments/notes.json
    // and nsynth/notes.json (pitch 48 for the L-SAMPLER copies).
    void realNSynthFileNames()
    {
        NSYNTH_REQUIRE_TEST_DATA("nsynth");
        NSYNTH_REQUIRE_TEST_DATA("instruments/nsynth-l-sampler");
        const QStringList dataset = QDir(test::testDataDir() + "/nsynth").entryList({"*.wav"}, QDir::Files);
        const QStringList sampler = QDir(test::testDataDir() + "/instruments/nsynth-l-sampler").entryList({"*.wav"}, QDir::Files);
        QCOMPARE(dataset.size(), 13);
        QCOMPARE(sampler.size(), 31);
        for (const QString& f : dataset + sampler) {
            const auto n = parseNoteName(f.toStdString());
            QVERIFY2(n, qPrintable(f + ": " + QString::fromStdString(explainNoteNameProblem(f.toStdString()))));
            QCOMPARE(int(n->style), int(NoteName::Style::NSynth));
            // Re-assemble the name from the parts: nothing lost, nothing invented.
            const QString rebuilt = QString::asprintf("%s-%03d-%03d.wav", n->instrument.c_str(), n->pitch, n->velocity);
            QCOMPARE(rebuilt, f);
            QVERIFY(isValidInstrumentName(n->safeInstrument));
            if (sampler.contains(f))
                QCOMPARE(n->pitch, 48);
        }
    }
};

QTEST_GUILESS_MAIN(TestNoteName)
#include "test_note_name.moc"
