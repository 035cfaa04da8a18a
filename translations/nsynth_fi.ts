<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fi" sourcelanguage="en">
<context>
    <name>Demo</name>
    <message>
        <source>There is no ready demo workspace to copy.</source>
        <translation>Valmista esittelytyötilaa ei ole kopioitavaksi.</translation>
    </message>
    <message>
        <source>%1 is not empty.</source>
        <translation>%1 ei ole tyhjä.</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2.</source>
        <translation>Tiedostoa %1 ei voi kopioida kohteeseen %2.</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>Cannot copy %1 into the workspace.</source>
        <translation>Tiedostoa %1 ei voi kopioida työtilaan.</translation>
    </message>
    <message>
        <source>no instrument and pitch were given</source>
        <translation>soitinta ja sävelkorkeutta ei annettu</translation>
    </message>
    <message>
        <source>another file of this import is also named %1</source>
        <translation>toinenkin tämän tuonnin tiedosto on nimeltään %1</translation>
    </message>
</context>
<context>
    <name>NoteChecks</name>
    <message>
        <source>resampled</source>
        <translation>uudelleennäytteistetty</translation>
    </message>
    <message>
        <source>mixed to mono</source>
        <translation>miksattu monoksi</translation>
    </message>
    <message>
        <source>trimmed</source>
        <translation>alku rajattu</translation>
    </message>
    <message>
        <source>cut to length</source>
        <translation>lyhennetty</translation>
    </message>
    <message>
        <source>too short</source>
        <translation>liian lyhyt</translation>
    </message>
    <message>
        <source>clipping</source>
        <translation>leikkautuu</translation>
    </message>
    <message>
        <source>clipped on write</source>
        <translation>leikkautui tallennettaessa</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>äänetön</translation>
    </message>
    <message>
        <source>quiet</source>
        <translation>hiljainen</translation>
    </message>
    <message>
        <source>DC offset</source>
        <translation>DC-siirtymä</translation>
    </message>
    <message>
        <source>normalised</source>
        <translation>normalisoitu</translation>
    </message>
    <message>
        <source>no clear pitch</source>
        <translation>ei selvää sävelkorkeutta</translation>
    </message>
    <message>
        <source>pitch off</source>
        <translation>väärä korkeus</translation>
    </message>
    <message>
        <source>octave error</source>
        <translation>oktaavivirhe</translation>
    </message>
    <message>
        <source>bad name</source>
        <translation>virheellinen nimi</translation>
    </message>
    <message>
        <source>Resampled from %1 Hz to 16000 Hz.</source>
        <translation>Uudelleennäytteistetty taajuudesta %1 Hz taajuuteen 16000 Hz.</translation>
    </message>
    <message>
        <source>Mixed down from %1 channels to mono.</source>
        <translation>Miksattu %1 kanavasta monoksi.</translation>
    </message>
    <message>
        <source>%1 ms before the note&apos;s onset were removed.</source>
        <translation>Nuotin alkua edeltävät %1 ms poistettiin.</translation>
    </message>
    <message>
        <source>The note was %1 s longer than 4 s and was cut with a fade-out.</source>
        <translation>Nuotti oli %1 s pidempi kuin 4 s, ja se lyhennettiin häivyttäen.</translation>
    </message>
    <message>
        <source>The note is shorter than 4 s: %1 ms of silence were added at the end.</source>
        <translation>Nuotti on lyhyempi kuin 4 s: loppuun lisättiin %1 ms hiljaisuutta.</translation>
    </message>
    <message>
        <source>The original is clipped: %1 samples are stuck at full scale.</source>
        <translation>Alkuperäinen leikkautuu: %1 näytettä on täydessä tasossa.</translation>
    </message>
    <message>
        <source>Some samples went past full scale when the note was written and were clipped.</source>
        <translation>Osa näytteistä ylitti täyden tason nuottia tallennettaessa, ja ne leikattiin.</translation>
    </message>
    <message>
        <source>The note is silent.</source>
        <translation>Nuotti on äänetön.</translation>
    </message>
    <message>
        <source>The note is very quiet (peak %1 dBFS).</source>
        <translation>Nuotti on hyvin hiljainen (huippu %1 dBFS).</translation>
    </message>
    <message>
        <source>The original has a DC offset of %1% of full scale.</source>
        <translation>Alkuperäisessä on DC-siirtymä, %1 % täydestä tasosta.</translation>
    </message>
    <message>
        <source>The note was normalised to a peak of -1 dBFS.</source>
        <translation>Nuotti normalisoitiin huipputasoon -1 dBFS.</translation>
    </message>
    <message>
        <source>No clear pitch was found, so it cannot be checked against the name.</source>
        <translation>Selvää sävelkorkeutta ei löytynyt, joten sitä ei voi verrata nimeen.</translation>
    </message>
    <message>
        <source>The detected pitch %1 Hz (MIDI %2) is %3 cents from the named pitch.</source>
        <translation>Havaittu sävelkorkeus %1 Hz (MIDI %2) poikkeaa nimen sävelkorkeudesta %3 senttiä.</translation>
    </message>
    <message>
        <source>The detected pitch %1 Hz is a whole number of octaves away from the named pitch (%2 cents).</source>
        <translation>Havaittu sävelkorkeus %1 Hz on kokonaisen oktaavimäärän päässä nimen sävelkorkeudesta (%2 senttiä).</translation>
    </message>
    <message>
        <source>The name does not say the instrument and the pitch.</source>
        <translation>Nimestä ei selviä soitin ja sävelkorkeus.</translation>
    </message>
    <message>
        <source>file missing</source>
        <translation>tiedosto puuttuu</translation>
    </message>
    <message>
        <source>The note file %1 is missing from the notes folder.</source>
        <translation>Nuottitiedosto %1 puuttuu nuottikansiosta.</translation>
    </message>
    <message>
        <source>Detected pitch %1 Hz; named pitch %2 Hz (%3 cents).</source>
        <translation>Havaittu sävelkorkeus %1 Hz; nimen sävelkorkeus %2 Hz (%3 senttiä).</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>The note meets the spec: nothing to warn about.</source>
        <translation>Nuotti täyttää vaatimukset: ei huomautettavaa.</translation>
    </message>
    <message>
        <source>%1 ¢</source>
        <translation>%1 ¢</translation>
    </message>
</context>
<context>
    <name>WorkspaceCommands</name>
    <message>
        <source>Cannot move %1 to %2.</source>
        <translation>Tiedostoa %1 ei voi siirtää kohteeseen %2.</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>Lisää %1</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Poista %1</translation>
    </message>
    <message>
        <source>Delete notes (%1)</source>
        <translation>Poista nuotit (%1)</translation>
    </message>
    <message>
        <source>The note no longer exists.</source>
        <translation>Nuottia ei enää ole.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be used as an instrument name: use 1 to 64 letters, digits or hyphens (no underscores or spaces).</source>
        <translation>&quot;%1&quot; ei kelpaa soittimen nimeksi: käytä 1–64 kirjainta, numeroa tai yhdysmerkkiä (ei alaviivoja eikä välilyöntejä).</translation>
    </message>
    <message>
        <source>The pitch must be a MIDI note number from 0 to 127.</source>
        <translation>Sävelkorkeuden on oltava MIDI-nuottinumero väliltä 0–127.</translation>
    </message>
    <message>
        <source>The workspace already has a note named %1.</source>
        <translation>Työtilassa on jo nuotti nimeltä %1.</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>Nimeä %1 nimelle %2</translation>
    </message>
    <message>
        <source>The original of %1 (%2) is missing, so it cannot be conformed again.</source>
        <translation>Nuotin %1 alkuperäinen (%2) puuttuu, joten sitä ei voi muuntaa uudelleen.</translation>
    </message>
    <message>
        <source>%1 cannot be conformed again: %2</source>
        <translation>Nuottia %1 ei voi muuntaa uudelleen: %2</translation>
    </message>
    <message>
        <source>Re-trim %1</source>
        <translation>Rajaa %1 uudelleen</translation>
    </message>
    <message>
        <source>Re-conform %1</source>
        <translation>Muunna %1 uudelleen</translation>
    </message>
</context>
<context>
    <name>nsynth::app::CurrentModel</name>
    <message>
        <source>%1: encoder %2 layers x %3, %4 channels every %5 samples</source>
        <translation>%1: kooderissa %2 kerrosta x %3, %4 kanavaa %5 näytteen välein</translation>
    </message>
</context>
<context>
    <name>nsynth::app::EncodeController</name>
    <message>
        <source>Notes are already being encoded.</source>
        <translation>Nuotteja koodataan jo.</translation>
    </message>
    <message>
        <source>Open or create a workspace first.</source>
        <translation>Avaa tai luo ensin työtila.</translation>
    </message>
    <message>
        <source>The model is still loading.</source>
        <translation>Mallia ladataan vielä.</translation>
    </message>
    <message>
        <source>No model is loaded. Choose one with Model &gt; Choose model.</source>
        <translation>Mallia ei ole ladattu. Valitse malli kohdasta Malli &gt; Valitse malli.</translation>
    </message>
    <message>
        <source>Every note is already encoded with this model.</source>
        <translation>Kaikki nuotit on jo koodattu tällä mallilla.</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Koodataan</translation>
    </message>
</context>
<context>
    <name>nsynth::app::NoteAnalyzer</name>
    <message>
        <source>Analysing</source>
        <translation>Analysoidaan</translation>
    </message>
</context>
<context>
    <name>nsynth::app::NoteListModel</name>
    <message>
        <source>%1, from %2</source>
        <translation>%1, lähde %2</translation>
    </message>
    <message>
        <source>unknown source</source>
        <translation>tuntematon lähde</translation>
    </message>
    <message>
        <source>encoded</source>
        <translation>koodattu</translation>
    </message>
    <message>
        <source>out of date</source>
        <translation>vanhentunut</translation>
    </message>
    <message>
        <source>not encoded</source>
        <translation>ei koodattu</translation>
    </message>
    <message>
        <source>The note or the model changed since this embedding was computed.</source>
        <translation>Nuotti tai malli on muuttunut sen jälkeen, kun tämä upotus laskettiin.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nuotti</translation>
    </message>
    <message>
        <source>Pitch</source>
        <translation>Sävelkorkeus</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Tarkistukset</translation>
    </message>
    <message>
        <source>Embedding</source>
        <translation>Upotus</translation>
    </message>
</context>
<context>
    <name>nsynth::app::RecordingSession</name>
    <message>
        <source>Enter the instrument&apos;s name (letters, digits and hyphens).</source>
        <translation>Kirjoita soittimen nimi (kirjaimia, numeroita ja yhdysmerkkejä).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be used as an instrument name: use 1 to 64 letters, digits or hyphens (no underscores or spaces), since it becomes part of file names.</source>
        <translation>&quot;%1&quot; ei kelpaa soittimen nimeksi: käytä 1–64 kirjainta, numeroa tai yhdysmerkkiä (ei alaviivoja eikä välilyöntejä), koska nimestä tulee osa tiedostonimiä.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a range of MIDI pitches (from-to/step, 0..127).</source>
        <translation>&quot;%1&quot; ei ole MIDI-sävelkorkeuksien väli (alku-loppu/askel, 0..127).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a MIDI pitch (0..127).</source>
        <translation>&quot;%1&quot; ei ole MIDI-sävelkorkeus (0..127).</translation>
    </message>
    <message>
        <source>Give at least one pitch.</source>
        <translation>Anna vähintään yksi sävelkorkeus.</translation>
    </message>
    <message>
        <source>Open or create a workspace before recording.</source>
        <translation>Avaa tai luo työtila ennen äänittämistä.</translation>
    </message>
    <message>
        <source>The list of pitches to record is empty.</source>
        <translation>Äänitettävien sävelkorkeuksien luettelo on tyhjä.</translation>
    </message>
    <message>
        <source>A take is in progress.</source>
        <translation>Otto on käynnissä.</translation>
    </message>
    <message>
        <source>The take was discarded.</source>
        <translation>Otto hylättiin.</translation>
    </message>
    <message>
        <source>The take is shorter than %1 s, so it was not made into a note. What was recorded (%2 s) is kept in %3.</source>
        <translation>Otto on lyhyempi kuin %1 s, joten siitä ei tehty nuottia. Äänitetty osa (%2 s) on tallessa tiedostossa %3.</translation>
    </message>
    <message>
        <source>Conforming the take</source>
        <translation>Muunnetaan ottoa</translation>
    </message>
    <message>
        <source>The take could not be conformed: %1</source>
        <translation>Ottoa ei voitu muuntaa: %1</translation>
    </message>
    <message>
        <source>Record %1</source>
        <translation>Äänitä %1</translation>
    </message>
</context>
<context>
    <name>nsynth::app::Workspace</name>
    <message>
        <source>No folder was given for the new workspace.</source>
        <translation>Uudelle työtilalle ei annettu kansiota.</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 on tiedosto eikä kansio.</translation>
    </message>
    <message>
        <source>%1 already holds a workspace; open it instead.</source>
        <translation>Kansiossa %1 on jo työtila; avaa se.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Kansiota %1 ei voi luoda.</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 ei ole kansio.</translation>
    </message>
    <message>
        <source>%1 is not a workspace (it has no %2).</source>
        <translation>%1 ei ole työtila (siinä ei ole tiedostoa %2).</translation>
    </message>
    <message>
        <source>%1 is damaged: %2</source>
        <translation>%1 on vioittunut: %2</translation>
    </message>
    <message>
        <source>%1 is not an NSynth workspace file.</source>
        <translation>%1 ei ole NSynth-työtilatiedosto.</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of the workbench (format %2).</source>
        <translation>%1 on kirjoitettu työpöydän uudemmalla versiolla (muoto %2).</translation>
    </message>
    <message>
        <source>The workspace could not be saved: %1</source>
        <translation>Työtilaa ei voitu tallentaa: %1</translation>
    </message>
</context>
<context>
    <name>nsynth::audio::Devices</name>
    <message>
        <source>8-bit integer</source>
        <translation>8-bittinen kokonaisluku</translation>
    </message>
    <message>
        <source>16-bit integer</source>
        <translation>16-bittinen kokonaisluku</translation>
    </message>
    <message>
        <source>32-bit integer</source>
        <translation>32-bittinen kokonaisluku</translation>
    </message>
    <message>
        <source>32-bit float</source>
        <translation>32-bittinen liukuluku</translation>
    </message>
    <message>
        <source>unknown sample format</source>
        <translation>tuntematon näytemuoto</translation>
    </message>
    <message>
        <source>%1 Hz, channels: %2, %3</source>
        <translation>%1 Hz, kanavia: %2, %3</translation>
    </message>
</context>
<context>
    <name>nsynth::audio::NotePlayer</name>
    <message>
        <source>No audio output device was found, so the note cannot be played.</source>
        <translation>Äänen ulostuloa ei löytynyt, joten nuottia ei voi soittaa.</translation>
    </message>
    <message>
        <source>The output device &quot;%1&quot; is not available any more.</source>
        <translation>Ulostulolaite &quot;%1&quot; ei ole enää käytettävissä.</translation>
    </message>
    <message>
        <source>There is no audio to play.</source>
        <translation>Soitettavaa ääntä ei ole.</translation>
    </message>
    <message>
        <source>The note cannot be converted for the output device &quot;%1&quot;: %2</source>
        <translation>Nuottia ei voi muuntaa ulostulolaitteelle &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>The output device &quot;%1&quot; refused to play (%2).</source>
        <translation>Ulostulolaite &quot;%1&quot; kieltäytyi soittamasta (%2).</translation>
    </message>
    <message>
        <source>Playback stopped: the output device was lost.</source>
        <translation>Toisto pysähtyi: ulostulolaite katosi.</translation>
    </message>
</context>
<context>
    <name>nsynth::audio::Recorder</name>
    <message>
        <source>(none)</source>
        <translation>(ei mitään)</translation>
    </message>
    <message>
        <source>No audio input device was found. Connect a microphone or an audio interface, then choose it in the recorder.</source>
        <translation>Äänen tuloa ei löytynyt. Liitä mikrofoni tai äänikortti ja valitse se äänittimessä.</translation>
    </message>
    <message>
        <source>The input device &quot;%1&quot; is not available any more. Choose another input.</source>
        <translation>Tulolaite &quot;%1&quot; ei ole enää käytettävissä. Valitse toinen tulo.</translation>
    </message>
    <message>
        <source>The input device &quot;%1&quot; refused the recording format (%2). Choose another input or check the device&apos;s settings in the system&apos;s sound preferences.</source>
        <translation>Tulolaite &quot;%1&quot; ei hyväksynyt äänitysmuotoa (%2). Valitse toinen tulo tai tarkista laitteen asetukset järjestelmän ääniasetuksista.</translation>
    </message>
    <message>
        <source>the sound system reported an error</source>
        <translation>äänijärjestelmä ilmoitti virheestä</translation>
    </message>
    <message>
        <source>The input device &quot;%1&quot; refused the recording format (%2).</source>
        <translation>Tulolaite &quot;%1&quot; ei hyväksynyt äänitysmuotoa (%2).</translation>
    </message>
    <message>
        <source>The input device &quot;%1&quot; could not be opened (the sound system is not running or the device is busy).</source>
        <translation>Tulolaitetta &quot;%1&quot; ei voitu avata (äänijärjestelmä ei ole käynnissä tai laite on varattu).</translation>
    </message>
    <message>
        <source>A take is already being recorded.</source>
        <translation>Ottoa äänitetään jo.</translation>
    </message>
    <message>
        <source>Cannot write the take: %1</source>
        <translation>Ottoa ei voi tallentaa: %1</translation>
    </message>
    <message>
        <source>The input device &quot;%1&quot; stopped during the take (%2). The %3 s recorded so far were saved to %4.</source>
        <translation>Tulolaite &quot;%1&quot; pysähtyi kesken oton (%2). Tähän mennessä äänitetyt %3 s tallennettiin tiedostoon %4.</translation>
    </message>
    <message>
        <source>The input device &quot;%1&quot; stopped (%2). Choose another input or reconnect it.</source>
        <translation>Tulolaite &quot;%1&quot; pysähtyi (%2). Valitse toinen tulo tai liitä laite uudelleen.</translation>
    </message>
    <message>
        <source>no audio arrived for %1 s</source>
        <translation>ääntä ei tullut %1 sekuntiin</translation>
    </message>
    <message>
        <source>it was disconnected or disabled</source>
        <translation>laite irrotettiin tai poistettiin käytöstä</translation>
    </message>
</context>
<context>
    <name>nsynth::audio::TonePlayer</name>
    <message>
        <source>No audio output device was found, so the reference tone and the count-in clicks cannot be played.</source>
        <translation>Äänen ulostuloa ei löytynyt, joten vertailusäveltä ja sisäänlaskun naksutuksia ei voi soittaa.</translation>
    </message>
    <message>
        <source>The output device &quot;%1&quot; reports no usable format.</source>
        <translation>Ulostulolaite &quot;%1&quot; ei ilmoita käyttökelpoista muotoa.</translation>
    </message>
    <message>
        <source>The output device &quot;%1&quot; could not be opened for the reference tone.</source>
        <translation>Ulostulolaitetta &quot;%1&quot; ei voitu avata vertailusäveltä varten.</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::EmbeddingView</name>
    <message>
        <source>No embedding yet. Encode the notes (Model &gt; Encode notes) to see what the model makes of them.</source>
        <translation>Upotusta ei vielä ole. Koodaa nuotit (Malli &gt; Koodaa nuotit) nähdäksesi, mitä malli niistä tekee.</translation>
    </message>
    <message>
        <source>%1 frames x %2 dimensions, one frame every 32 ms. Above: every value (blue negative, red positive). Below: the ticked dimensions over time.</source>
        <translation>%1 kehystä x %2 ulottuvuutta, yksi kehys 32 ms:n välein. Ylhäällä: kaikki arvot (sininen negatiivinen, punainen positiivinen). Alhaalla: valitut ulottuvuudet ajan funktiona.</translation>
    </message>
    <message>
        <source>Show dimension %1 as a curve</source>
        <translation>Näytä ulottuvuus %1 käyränä</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::LevelMeter</name>
    <message>
        <source>CLIP</source>
        <translation>LEIKK.</translation>
    </message>
    <message>
        <source>Input level (RMS bar, peak line, -60 to 0 dBFS). The CLIP light stays on after a sample reached full scale; click to reset it.</source>
        <translation>Tulotaso (RMS-palkki, huippuviiva, -60–0 dBFS). LEIKK.-valo jää palamaan, kun näyte on saavuttanut täyden tason; nollaa se napsauttamalla.</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::MainWindow</name>
    <message>
        <source>The model %1 could not be loaded: %2</source>
        <translation>Mallia %1 ei voitu ladata: %2</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Koodataan</translation>
    </message>
    <message>
        <source>Some notes could not be encoded:
%1</source>
        <translation>Joitakin nuotteja ei voitu koodata:
%1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tiedosto</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Muokkaa</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>M&amp;alli</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Asetukset</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Ohje</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Avaa &amp;viimeaikainen</translation>
    </message>
    <message>
        <source>&amp;New Workspace...</source>
        <translation>&amp;Uusi työtila...</translation>
    </message>
    <message>
        <source>&amp;Open Workspace...</source>
        <translation>&amp;Avaa työtila...</translation>
    </message>
    <message>
        <source>Open &amp;Demo Workspace</source>
        <translation>Avaa &amp;esittelytyötila</translation>
    </message>
    <message>
        <source>&amp;Close Workspace</source>
        <translation>&amp;Sulje työtila</translation>
    </message>
    <message>
        <source>&amp;Import Files...</source>
        <translation>&amp;Tuo tiedostoja...</translation>
    </message>
    <message>
        <source>Import &amp;Folder...</source>
        <translation>Tuo &amp;kansio...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Lopeta</translation>
    </message>
    <message>
        <source>&amp;Play Note</source>
        <translation>&amp;Soita nuotti</translation>
    </message>
    <message>
        <source>Re&amp;name Note...</source>
        <translation>&amp;Nimeä nuotti uudelleen...</translation>
    </message>
    <message>
        <source>&amp;Delete Note</source>
        <translation>&amp;Poista nuotti</translation>
    </message>
    <message>
        <source>Re-&amp;trim Note</source>
        <translation>&amp;Rajaa nuotti uudelleen</translation>
    </message>
    <message>
        <source>Cut the note from its original again with the trim settings in the info panel</source>
        <translation>Leikkaa nuotti alkuperäisestä uudelleen tietopaneelin rajausasetuksilla</translation>
    </message>
    <message>
        <source>Re-&amp;conform Note</source>
        <translation>&amp;Muunna nuotti uudelleen</translation>
    </message>
    <message>
        <source>Conform the note from its original again with the settings in the info panel</source>
        <translation>Muunna nuotti alkuperäisestä uudelleen tietopaneelin asetuksilla</translation>
    </message>
    <message>
        <source>&amp;Choose Model...</source>
        <translation>&amp;Valitse malli...</translation>
    </message>
    <message>
        <source>Use the &amp;Default Model</source>
        <translation>Käytä &amp;oletusmallia</translation>
    </message>
    <message>
        <source>&amp;Encode Notes</source>
        <translation>&amp;Koodaa nuotit</translation>
    </message>
    <message>
        <source>Compute the embeddings of the notes that have none or an out-of-date one</source>
        <translation>Laske upotukset nuoteille, joilla sitä ei ole tai se on vanhentunut</translation>
    </message>
    <message>
        <source>Cancel Encoding</source>
        <translation>Peru koodaus</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>&amp;Asetukset...</translation>
    </message>
    <message>
        <source>&amp;About NSynth Workbench</source>
        <translation>&amp;Tietoja NSynth-työpöydästä</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Nuotit</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Äänitä</translation>
    </message>
    <message>
        <source>NSynth Workbench</source>
        <translation>NSynth-työpöytä</translation>
    </message>
    <message>
        <source>Record or import four-second notes, check them against the workshop&apos;s spec, look at them and encode them with NSynth. A workspace is a folder that holds the notes, their originals and their embeddings.</source>
        <translation>Äänitä tai tuo neljän sekunnin nuotteja, tarkista ne työpajan vaatimuksia vasten, tarkastele niitä ja koodaa ne NSynthillä. Työtila on kansio, jossa ovat nuotit, niiden alkuperäiset tiedostot ja upotukset.</translation>
    </message>
    <message>
        <source>Recent workspaces:</source>
        <translation>Viimeaikaiset työtilat:</translation>
    </message>
    <message>
        <source>%1 - NSynth Workbench</source>
        <translation>%1 - NSynth-työpöytä</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Työtila: %1</translation>
    </message>
    <message>
        <source>Loading the model %1...</source>
        <translation>Ladataan mallia %1...</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Malli: %1</translation>
    </message>
    <message>
        <source>Model failed to load: %1</source>
        <translation>Mallin lataus epäonnistui: %1</translation>
    </message>
    <message>
        <source>No model: the default model %1 is missing (Model &gt; Choose Model)</source>
        <translation>Ei mallia: oletusmalli %1 puuttuu (Malli &gt; Valitse malli)</translation>
    </message>
    <message>
        <source>There is no demo material in %1</source>
        <translation>Kansiossa %1 ei ole esittelymateriaalia</translation>
    </message>
    <message>
        <source>encoded with the current model</source>
        <translation>koodattu nykyisellä mallilla</translation>
    </message>
    <message>
        <source>out of date (the note or the model changed): encode again</source>
        <translation>vanhentunut (nuotti tai malli muuttui): koodaa uudelleen</translation>
    </message>
    <message>
        <source>not encoded yet (Model &gt; Encode Notes)</source>
        <translation>ei vielä koodattu (Malli &gt; Koodaa nuotit)</translation>
    </message>
    <message>
        <source>These notes&apos; files are missing from %1: %2</source>
        <translation>Näiden nuottien tiedostot puuttuvat kansiosta %1: %2</translation>
    </message>
    <message>
        <source>The workspace could not be created: %1</source>
        <translation>Työtilaa ei voitu luoda: %1</translation>
    </message>
    <message>
        <source>The workspace could not be opened: %1</source>
        <translation>Työtilaa ei voitu avata: %1</translation>
    </message>
    <message>
        <source>There is no demo material in %1.</source>
        <translation>Kansiossa %1 ei ole esittelymateriaalia.</translation>
    </message>
    <message>
        <source>NSynth demo</source>
        <translation>NSynth-esittely</translation>
    </message>
    <message>
        <source>NSynth demo %1</source>
        <translation>NSynth-esittely %1</translation>
    </message>
    <message>
        <source>The demo workspace could not be created: %1</source>
        <translation>Esittelytyötilaa ei voitu luoda: %1</translation>
    </message>
    <message>
        <source>Left out of the demo (their names do not say instrument and pitch): %1</source>
        <translation>Jätettiin pois esittelystä (nimistä ei selviä soitin ja sävelkorkeus): %1</translation>
    </message>
    <message>
        <source>Open a workspace folder</source>
        <translation>Avaa työtilan kansio</translation>
    </message>
    <message>
        <source>Import notes</source>
        <translation>Tuo nuotteja</translation>
    </message>
    <message>
        <source>Audio files (*.wav *.flac *.ogg *.aif *.aiff *.au *.caf *.w64);;All files (*)</source>
        <translation>Äänitiedostot (*.wav *.flac *.ogg *.aif *.aiff *.au *.caf *.w64);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>Import a folder of notes</source>
        <translation>Tuo nuottikansio</translation>
    </message>
    <message>
        <source>Open or create a workspace before importing notes.</source>
        <translation>Avaa tai luo työtila ennen nuottien tuomista.</translation>
    </message>
    <message>
        <source>An import is already running; wait for it or cancel it.</source>
        <translation>Tuonti on jo käynnissä; odota sen valmistumista tai peru se.</translation>
    </message>
    <message>
        <source>No audio files were found in what was dropped or chosen.</source>
        <translation>Pudotetuista tai valituista kohteista ei löytynyt äänitiedostoja.</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Tuodaan</translation>
    </message>
    <message>
        <source>Some files could not be imported:
%1</source>
        <translation>Joitakin tiedostoja ei voitu tuoda:
%1</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>Valitse malli</translation>
    </message>
    <message>
        <source>NSynth models (*.safetensors);;TensorFlow checkpoints (*.index *.meta);;All files (*)</source>
        <translation>NSynth-mallit (*.safetensors);;TensorFlow-tarkistuspisteet (*.index *.meta);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>%1 cannot be played: %2</source>
        <translation>Nuottia %1 ei voi soittaa: %2</translation>
    </message>
    <message>
        <source>About NSynth Workbench</source>
        <translation>Tietoja NSynth-työpöydästä</translation>
    </message>
    <message>
        <source>&lt;h3&gt;NSynth Workbench&lt;/h3&gt;&lt;p&gt;Record, check and encode notes for NSynth, the WaveNet autoencoder of Engel et al. (2017): &quot;Neural Audio Synthesis of Musical Notes with WaveNet Autoencoders&quot;.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;NSynth-työpöytä&lt;/h3&gt;&lt;p&gt;Äänitä, tarkista ja koodaa nuotteja NSynthille, Engelin ym. (2017) WaveNet-autoenkooderille: &quot;Neural Audio Synthesis of Musical Notes with WaveNet Autoencoders&quot;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The workspace could not be saved: %1</source>
        <translation>Työtilaa ei voitu tallentaa: %1</translation>
    </message>
    <message>
        <source>Encoding cancelled; notes encoded before that: %1.</source>
        <translation>Koodaus peruttiin; sitä ennen koodattuja nuotteja: %1.</translation>
    </message>
    <message>
        <source>Notes encoded: %1.</source>
        <translation>Koodattuja nuotteja: %1.</translation>
    </message>
    <message>
        <source>Import notes (%1)</source>
        <translation>Tuo nuotit (%1)</translation>
    </message>
    <message>
        <source>Import cancelled; notes added: %1.</source>
        <translation>Tuonti peruttiin; lisättyjä nuotteja: %1.</translation>
    </message>
    <message>
        <source>Notes imported: %1.</source>
        <translation>Tuotuja nuotteja: %1.</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::NameResolveDialog</name>
    <message>
        <source>Name the notes</source>
        <translation>Nimeä nuotit</translation>
    </message>
    <message>
        <source>These files&apos; names do not say which instrument and pitch they are (the workbench understands instrument_pitch.wav and NSynth dataset names, and never guesses). Give each an instrument and a MIDI pitch, or skip it.</source>
        <translation>Näiden tiedostojen nimistä ei selviä, mikä soitin ja sävelkorkeus ne ovat (työpöytä ymmärtää nimet muotoa soitin_korkeus.wav ja NSynth-aineiston nimet, eikä koskaan arvaa). Anna kullekin soitin ja MIDI-sävelkorkeus tai ohita se.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tiedosto</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Syy</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Soitin</translation>
    </message>
    <message>
        <source>Pitch</source>
        <translation>Sävelkorkeus</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Ohita</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Tuo</translation>
    </message>
    <message>
        <source>%1: the instrument must be 1 to 64 letters, digits or hyphens.</source>
        <translation>%1: soittimen nimen on oltava 1–64 kirjainta, numeroa tai yhdysmerkkiä.</translation>
    </message>
    <message>
        <source>%1: choose the MIDI pitch.</source>
        <translation>%1: valitse MIDI-sävelkorkeus.</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::NewWorkspaceDialog</name>
    <message>
        <source>New workspace</source>
        <translation>Uusi työtila</translation>
    </message>
    <message>
        <source>e.g. workshop-2025-group-a</source>
        <translation>esim. tyopaja-2025-ryhma-a</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Selaa...</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nimi:</translation>
    </message>
    <message>
        <source>Create in:</source>
        <translation>Luo kansioon:</translation>
    </message>
    <message>
        <source>Create the workspace in</source>
        <translation>Luo työtila kansioon</translation>
    </message>
    <message>
        <source>Give the workspace a name.</source>
        <translation>Anna työtilalle nimi.</translation>
    </message>
    <message>
        <source>The name cannot contain &quot;/&quot;.</source>
        <translation>Nimessä ei voi olla merkkiä &quot;/&quot;.</translation>
    </message>
    <message>
        <source>Choose where to create it.</source>
        <translation>Valitse, mihin se luodaan.</translation>
    </message>
    <message>
        <source>%1 already holds a workspace.</source>
        <translation>Kansiossa %1 on jo työtila.</translation>
    </message>
    <message>
        <source>%1 is a file.</source>
        <translation>%1 on tiedosto.</translation>
    </message>
    <message>
        <source>The workspace will be the folder %1</source>
        <translation>Työtilaksi tulee kansio %1</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::NoteInfoPanel</name>
    <message>
        <source>Rename...</source>
        <translation>Nimeä uudelleen...</translation>
    </message>
    <message>
        <source>Named pitch:</source>
        <translation>Nimen sävelkorkeus:</translation>
    </message>
    <message>
        <source>Detected pitch:</source>
        <translation>Havaittu sävelkorkeus:</translation>
    </message>
    <message>
        <source>Original:</source>
        <translation>Alkuperäinen:</translation>
    </message>
    <message>
        <source>Levels:</source>
        <translation>Tasot:</translation>
    </message>
    <message>
        <source>Origin:</source>
        <translation>Alkuperä:</translation>
    </message>
    <message>
        <source>Embedding:</source>
        <translation>Upotus:</translation>
    </message>
    <message>
        <source>Re-trim</source>
        <translation>Rajaa uudelleen</translation>
    </message>
    <message>
        <source>Start at the detected onset</source>
        <translation>Aloita havaitusta alukkeesta</translation>
    </message>
    <message>
        <source>Keep before the onset:</source>
        <translation>Säilytä ennen aluketta:</translation>
    </message>
    <message>
        <source>Start in the original:</source>
        <translation>Alku alkuperäisessä:</translation>
    </message>
    <message>
        <source>Cut the note from its original again with these settings (undoable).</source>
        <translation>Leikkaa nuotti alkuperäisestä uudelleen näillä asetuksilla (voi kumota).</translation>
    </message>
    <message>
        <source>Re-conform</source>
        <translation>Muunna uudelleen</translation>
    </message>
    <message>
        <source>Normalise the peak to -1 dBFS</source>
        <translation>Normalisoi huippu tasoon -1 dBFS</translation>
    </message>
    <message>
        <source>Remove DC offset</source>
        <translation>Poista DC-siirtymä</translation>
    </message>
    <message>
        <source>Conform the note from its original again with these settings (undoable).</source>
        <translation>Muunna nuotti alkuperäisestä uudelleen näillä asetuksilla (voi kumota).</translation>
    </message>
    <message>
        <source>No note selected</source>
        <translation>Nuottia ei ole valittu</translation>
    </message>
    <message>
        <source>MIDI %1 (%2), %3 Hz</source>
        <translation>MIDI %1 (%2), %3 Hz</translation>
    </message>
    <message>
        <source>%1 Hz, MIDI %2</source>
        <translation>%1 Hz, MIDI %2</translation>
    </message>
    <message>
        <source>%1 cents from the named pitch</source>
        <translation>%1 senttiä nimen sävelkorkeudesta</translation>
    </message>
    <message>
        <source>no clear pitch</source>
        <translation>ei selvää sävelkorkeutta</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>tuntematon</translation>
    </message>
    <message>
        <source>peak %1 dBFS, RMS %2 dBFS, DC %3%</source>
        <translation>huippu %1 dBFS, RMS %2 dBFS, DC %3 %</translation>
    </message>
    <message>
        <source>recorded %1</source>
        <translation>äänitetty %1</translation>
    </message>
    <message>
        <source>demo material</source>
        <translation>esittelymateriaalia</translation>
    </message>
    <message>
        <source>imported %1</source>
        <translation>tuotu %1</translation>
    </message>
    <message>
        <source>mono</source>
        <translation>mono</translation>
    </message>
    <message>
        <source>stereo</source>
        <translation>stereo</translation>
    </message>
    <message>
        <source>%1 channels</source>
        <translation>%1 kanavaa</translation>
    </message>
    <message>
        <source>%1 (%2, %3 Hz, %4, %5 s)</source>
        <translation>%1 (%2, %3 Hz, %4, %5 s)</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Tarkistukset</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::NoteListView</name>
    <message>
        <source>No notes yet.
Record them, or drop audio files or folders here.</source>
        <translation>Nuotteja ei vielä ole.
Äänitä ne tai pudota äänitiedostoja tai kansioita tähän.</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::NoteViews</name>
    <message>
        <source>Waveform</source>
        <translation>Aaltomuoto</translation>
    </message>
    <message>
        <source>Spectrogram</source>
        <translation>Spektrogrammi</translation>
    </message>
    <message>
        <source>Embedding</source>
        <translation>Upotus</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Näytä:</translation>
    </message>
    <message>
        <source>The note (4 s, 16 kHz)</source>
        <translation>Nuotti (4 s, 16 kHz)</translation>
    </message>
    <message>
        <source>The original it was cut from</source>
        <translation>Alkuperäinen, josta se leikattiin</translation>
    </message>
    <message>
        <source>Picture:</source>
        <translation>Kuva:</translation>
    </message>
    <message>
        <source>Spectrogram (dB, log frequency)</source>
        <translation>Spektrogrammi (dB, logaritminen taajuus)</translation>
    </message>
    <message>
        <source>Rainbowgram (colour = instantaneous frequency)</source>
        <translation>Sateenkaarigrammi (väri = hetkellinen taajuus)</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>Lähennä (+)</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>Loitonna (-)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Sovita</translation>
    </message>
    <message>
        <source>Show the whole file (0)</source>
        <translation>Näytä koko tiedosto (0)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Pysäytä</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Soita</translation>
    </message>
    <message>
        <source>Play the note (P)</source>
        <translation>Soita nuotti (P)</translation>
    </message>
    <message>
        <source>No note selected</source>
        <translation>Nuottia ei ole valittu</translation>
    </message>
    <message>
        <source>Analysing %1...</source>
        <translation>Analysoidaan nuottia %1...</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::RecorderPanel</name>
    <message>
        <source>Recorded %1.</source>
        <translation>Äänitetty: %1.</translation>
    </message>
    <message>
        <source>Every pitch in the list is recorded. Retake any of them, or change the instrument.</source>
        <translation>Kaikki luettelon sävelkorkeudet on äänitetty. Ota mikä tahansa niistä uudelleen tai vaihda soitinta.</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>Tulo:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Päivitä</translation>
    </message>
    <message>
        <source>Look for audio inputs again</source>
        <translation>Etsi äänen tuloja uudelleen</translation>
    </message>
    <message>
        <source>Instrument:</source>
        <translation>Soitin:</translation>
    </message>
    <message>
        <source>e.g. flute or old-piano</source>
        <translation>esim. huilu tai vanha-piano</translation>
    </message>
    <message>
        <source>Pitches (MIDI):</source>
        <translation>Sävelkorkeudet (MIDI):</translation>
    </message>
    <message>
        <source>MIDI note numbers separated by commas; a range from-to/step such as 24-48/4 gives 24, 28, ..., 48.</source>
        <translation>MIDI-nuottinumerot pilkuilla erotettuina; väli alku-loppu/askel, esimerkiksi 24-48/4, antaa 24, 28, ..., 48.</translation>
    </message>
    <message>
        <source>Count-in beats:</source>
        <translation>Sisäänlaskun iskuja:</translation>
    </message>
    <message>
        <source>Tempo:</source>
        <translation>Tempo:</translation>
    </message>
    <message>
        <source> bpm</source>
        <translation> bpm</translation>
    </message>
    <message>
        <source>Pre-roll:</source>
        <translation>Esiotto:</translation>
    </message>
    <message>
        <source>Recorded before the take starts, so an early attack is not cut. Keep it shorter than one beat so the count-in is not recorded.</source>
        <translation>Äänitetään ennen oton alkua, jotta liian aikaisin alkava ääni ei katkea. Pidä se lyhyempänä kuin yksi isku, jotta sisäänlasku ei tallennu.</translation>
    </message>
    <message>
        <source>Reference tone during count-in</source>
        <translation>Vertailusävel sisäänlaskun aikana</translation>
    </message>
    <message>
        <source>Clicks</source>
        <translation>Naksutukset</translation>
    </message>
    <message>
        <source>Advance to the next pitch</source>
        <translation>Siirry seuraavaan sävelkorkeuteen</translation>
    </message>
    <message>
        <source>Record (Space)</source>
        <translation>Äänitä (välilyönti)</translation>
    </message>
    <message>
        <source>Count in, then record %1 s plus the pre-roll</source>
        <translation>Laske sisään ja äänitä sitten %1 s sekä esiotto</translation>
    </message>
    <message>
        <source>Retake</source>
        <translation>Ota uudelleen</translation>
    </message>
    <message>
        <source>Record the last pitch again (undo brings the earlier take back)</source>
        <translation>Äänitä viimeisin sävelkorkeus uudelleen (kumoaminen palauttaa aiemman oton)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Lopeta</translation>
    </message>
    <message>
        <source>End the take now (it is kept, but not made into a note)</source>
        <translation>Lopeta otto nyt (se säilytetään, mutta siitä ei tehdä nuottia)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Peru (Esc)</translation>
    </message>
    <message>
        <source>Reference tone</source>
        <translation>Vertailusävel</translation>
    </message>
    <message>
        <source>Play the target pitch to tune against</source>
        <translation>Soita tavoitesävel viritystä varten</translation>
    </message>
    <message>
        <source>(no audio input found)</source>
        <translation>(äänen tuloa ei löytynyt)</translation>
    </message>
    <message>
        <source>No audio input device was found. Connect a microphone or an audio interface; it appears here when the system sees it. Importing files works without one.</source>
        <translation>Äänen tuloa ei löytynyt. Liitä mikrofoni tai äänikortti; se näkyy tässä, kun järjestelmä havaitsee sen. Tiedostojen tuonti toimii ilmankin.</translation>
    </message>
    <message>
        <source>No audio input device was found.</source>
        <translation>Äänen tuloa ei löytynyt.</translation>
    </message>
    <message>
        <source>%1_%2 is recorded</source>
        <translation>%1_%2 on äänitetty</translation>
    </message>
    <message>
        <source>Not recorded yet</source>
        <translation>Ei vielä äänitetty</translation>
    </message>
    <message>
        <source>Open or create a workspace to record</source>
        <translation>Avaa tai luo työtila äänittääksesi</translation>
    </message>
    <message>
        <source>Add pitches to record</source>
        <translation>Lisää äänitettäviä sävelkorkeuksia</translation>
    </message>
    <message>
        <source>Next: %1_%2 (MIDI %2, %3, %4 Hz)</source>
        <translation>Seuraavaksi: %1_%2 (MIDI %2, %3, %4 Hz)</translation>
    </message>
    <message>
        <source>&lt;instrument&gt;</source>
        <translation>&lt;soitin&gt;</translation>
    </message>
    <message>
        <source>● Recording</source>
        <translation>● Äänitetään</translation>
    </message>
    <message>
        <source>Checking the take...</source>
        <translation>Tarkistetaan ottoa...</translation>
    </message>
    <message>
        <source>How a take goes: press Space; the count-in clicks (with the reference tone at the target pitch, if chosen); play on the beat after the last click and hold the note. The take is 4 s plus the pre-roll, recorded at the input&apos;s own format, then trimmed to its onset, converted to 16 kHz and checked. The next pitch follows. Esc cancels; Retake records the last pitch again.</source>
        <translation>Näin otto etenee: paina välilyöntiä; sisäänlasku naksuttaa (ja vertailusävel soi tavoitekorkeudella, jos se on valittu); soita viimeistä naksausta seuraavalla iskulla ja pidä nuottia. Otto on 4 s sekä esiotto, ja se äänitetään tulon omassa muodossa, rajataan alkukohtaansa, muunnetaan 16 kHz:iin ja tarkistetaan. Sitten vuorossa on seuraava sävelkorkeus. Esc peruu; Ota uudelleen äänittää viimeisimmän sävelkorkeuden uudelleen.</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::RenameDialog</name>
    <message>
        <source>Rename note</source>
        <translation>Nimeä nuotti uudelleen</translation>
    </message>
    <message>
        <source>Instrument:</source>
        <translation>Soitin:</translation>
    </message>
    <message>
        <source>MIDI pitch:</source>
        <translation>MIDI-sävelkorkeus:</translation>
    </message>
    <message>
        <source>The note becomes %1_%2.wav</source>
        <translation>Nuotista tulee %1_%2.wav</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Asetukset</translation>
    </message>
    <message>
        <source>Follow the system (%1)</source>
        <translation>Järjestelmän mukaan (%1)</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Kieli:</translation>
    </message>
    <message>
        <source>the default model (not installed)</source>
        <translation>oletusmalli (ei asennettu)</translation>
    </message>
    <message>
        <source>the default model: %1</source>
        <translation>oletusmalli: %1</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Selaa...</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Oletus</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Malli:</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>Valitse malli</translation>
    </message>
    <message>
        <source>NSynth models (*.safetensors);;TensorFlow checkpoints (*.index *.meta);;All files (*)</source>
        <translation>NSynth-mallit (*.safetensors);;TensorFlow-tarkistuspisteet (*.index *.meta);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Järjestelmän oletus</translation>
    </message>
    <message>
        <source>Playback device:</source>
        <translation>Toistolaite:</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::SpectrogramView</name>
    <message>
        <source>Select a note to see its spectrogram.</source>
        <translation>Valitse nuotti nähdäksesi sen spektrogrammin.</translation>
    </message>
    <message>
        <source>%1 kHz</source>
        <translation>%1 kHz</translation>
    </message>
    <message>
        <source>%1 Hz</source>
        <translation>%1 Hz</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::TaskProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Peru</translation>
    </message>
    <message>
        <source>%1...</source>
        <translation>%1...</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2/%3</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 jäljellä</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::WaveformView</name>
    <message>
        <source>Select a note to see its waveform.</source>
        <translation>Valitse nuotti nähdäksesi sen aaltomuodon.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
</TS>
