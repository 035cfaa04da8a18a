<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fi" sourcelanguage="en">
<context>
    <name>ClusterJobRun</name>
    <message>
        <source>cluster &quot;%1&quot;</source>
        <translation>klusteri ”%1”</translation>
    </message>
    <message>
        <source>=== %1 ===</source>
        <translation>=== %1 ===</translation>
    </message>
    <message>
        <source>=== the sbatch script, %1 ===</source>
        <translation>=== sbatch-skripti, %1 ===</translation>
    </message>
</context>
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
    <name>DetachedProcess</name>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>Ohjelmaa %1 ei voitu käynnistää: %2</translation>
    </message>
</context>
<context>
    <name>GridDesign</name>
    <message>
        <source>top-left</source>
        <translation>vasen yläkulma</translation>
    </message>
    <message>
        <source>top-right</source>
        <translation>oikea yläkulma</translation>
    </message>
    <message>
        <source>bottom-left</source>
        <translation>vasen alakulma</translation>
    </message>
    <message>
        <source>bottom-right</source>
        <translation>oikea alakulma</translation>
    </message>
    <message>
        <source>The %1 corner has no instrument.</source>
        <translation>Kulmassa (%1) ei ole soitinta.</translation>
    </message>
    <message>
        <source>Choose at least one pitch.</source>
        <translation>Valitse vähintään yksi sävelkorkeus.</translation>
    </message>
    <message>
        <source>%1 cannot be a grid instrument: %2</source>
        <translation>%1 ei voi olla ruudukon soitin: %2</translation>
    </message>
    <message>
        <source>The resolution must be 2 to %1.</source>
        <translation>Tarkkuuden on oltava 2–%1.</translation>
    </message>
    <message>
        <source>%1 has no note at %2.</source>
        <translation>Soittimella %1 ei ole nuottia sävelkorkeudella %2.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>Tiedostoa %1 ei voi lukea: %2</translation>
    </message>
    <message>
        <source>%1 has %2 samples</source>
        <translation>%1: %2 näytettä</translation>
    </message>
    <message>
        <source>The notes differ in length (most have %1 samples): %2. Re-conform them to one length.</source>
        <translation>Nuotit ovat eripituisia (useimmissa on %1 näytettä): %2. Muunna ne uudelleen samanpituisiksi.</translation>
    </message>
</context>
<context>
    <name>GridEstimate</name>
    <message>
        <source>this machine</source>
        <translation>tämä kone</translation>
    </message>
    <message>
        <source>The cluster profiles cannot be read: %1</source>
        <translation>Klusteriprofiileja ei voi lukea: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>tuntematon</translation>
    </message>
    <message>
        <source>about %1 s</source>
        <translation>noin %1 s</translation>
    </message>
    <message>
        <source>about %1 min</source>
        <translation>noin %1 min</translation>
    </message>
    <message>
        <source>about %1 h %2 min</source>
        <translation>noin %1 h %2 min</translation>
    </message>
    <message>
        <source>about %1 days %2 h</source>
        <translation>noin %1 vrk %2 h</translation>
    </message>
    <message>
        <source>Choose the corners and pitches to see the time.</source>
        <translation>Valitse kulmat ja sävelkorkeudet nähdäksesi ajan.</translation>
    </message>
    <message>
        <source>%1 unique notes of %2 samples: measuring this machine&apos;s decoder speed...</source>
        <translation>%1 erilaista nuottia, kussakin %2 näytettä: mitataan tämän koneen dekooderin nopeutta...</translation>
    </message>
    <message>
        <source>This computer&apos;s CPU: %1 (%2 unique notes, %3 samples each, in %4 batches of %5; decoder measured here at %6 samples/s with %7 threads), plus a few seconds to encode %8 corner notes.</source>
        <translation>Tämän tietokoneen suoritin: %1 (%2 erilaista nuottia, kussakin %3 näytettä, %4 erässä à %5; dekooderin nopeudeksi mitattiin täällä %6 näytettä/s %7 säikeellä) sekä muutama sekunti %8 kulmanuotin koodaamiseen.</translation>
    </message>
    <message>
        <source>Local GPU: none found on this computer.</source>
        <translation>Paikallinen näytönohjain: tästä tietokoneesta ei löytynyt yhtään.</translation>
    </message>
    <message>
        <source>Local GPU: %1 found, but nsynth grid run decodes on the CPU, so there is no GPU estimate; the CPU time above applies.</source>
        <translation>Paikallinen näytönohjain: %1 löytyi, mutta nsynth grid run dekoodaa suorittimella, joten näytönohjaimelle ei ole arviota; yllä oleva suorittimen aika pätee.</translation>
    </message>
    <message>
        <source>%1 (%2): waiting for this machine&apos;s measurement.</source>
        <translation>%1 (%2): odotetaan tämän koneen mittausta.</translation>
    </message>
    <message>
        <source>%1 (%2, %3 CPUs per task%4): %5 shard(s) of at most %6 notes, %7 per shard if a node decodes as fast as this computer (not measured there).</source>
        <translation>%1 (%2, %3 suoritinta tehtävää kohden%4): %5 osaa, kussakin enintään %6 nuottia, %7 osaa kohden, jos solmu dekoodaa yhtä nopeasti kuin tämä tietokone (siellä ei mitattu).</translation>
    </message>
    <message>
        <source>That is longer than its time limit %1: plan at least %2 shards.</source>
        <translation>Se on pidempi kuin aikaraja %1: suunnittele vähintään %2 osaa.</translation>
    </message>
    <message>
        <source>That is longer than its time limit %1 even with one batch per shard.</source>
        <translation>Se on pidempi kuin aikaraja %1 silloinkin, kun kussakin osassa on vain yksi erä.</translation>
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
    <name>JobState</name>
    <message>
        <source>queued</source>
        <translation>jonossa</translation>
    </message>
    <message>
        <source>running</source>
        <translation>käynnissä</translation>
    </message>
    <message>
        <source>pausing after this batch</source>
        <translation>keskeytyy tämän erän jälkeen</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>keskeytetty</translation>
    </message>
    <message>
        <source>cancelling</source>
        <translation>perutaan</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>peruttu</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>katkennut</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>epäonnistui</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>valmis</translation>
    </message>
</context>
<context>
    <name>LocalJobRun</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>batch %1 written: %2 of %3 notes of this run</source>
        <translation>erä %1 kirjoitettu: %2/%3 tämän ajon nuotista</translation>
    </message>
    <message>
        <source>generation ended after %1 (%2 samples/s)</source>
        <translation>tuottaminen päättyi ajassa %1 (%2 näytettä/s)</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>tämä tietokone</translation>
    </message>
    <message>
        <source>=== %1 (%2), started %3 ===</source>
        <translation>=== %1 (%2), aloitettu %3 ===</translation>
    </message>
    <message>
        <source>result: %1; %2 notes generated in %3; job %4 of %5 notes</source>
        <translation>tulos: %1; %2 nuottia tuotettu ajassa %3; työssä %4/%5 nuottia</translation>
    </message>
    <message>
        <source>result: planned, %1 unique notes; %2</source>
        <translation>tulos: suunniteltu, %1 erilaista nuottia; %2</translation>
    </message>
</context>
<context>
    <name>ModelCatalog</name>
    <message>
        <source>trained with this project&apos;s trainer</source>
        <translation>koulutettu tämän projektin kouluttimella</translation>
    </message>
    <message>
        <source>TensorFlow checkpoint (%1 weights), converted when loaded</source>
        <translation>TensorFlow-tarkistuspiste (%1-painot), muunnetaan ladattaessa</translation>
    </message>
    <message>
        <source>converted from a TensorFlow checkpoint</source>
        <translation>muunnettu TensorFlow-tarkistuspisteestä</translation>
    </message>
    <message>
        <source>model file</source>
        <translation>mallitiedosto</translation>
    </message>
    <message>
        <source>Kind: %1</source>
        <translation>Laji: %1</translation>
    </message>
    <message>
        <source>About: %1</source>
        <translation>Kuvaus: %1</translation>
    </message>
    <message>
        <source>Architecture: %1%2; %3 Hz, an embedding of %4 values every %5 samples</source>
        <translation>Rakenne: %1%2; %3 Hz, %4 arvon upotus %5 näytteen välein</translation>
    </message>
    <message>
        <source>, pitch-conditioned</source>
        <translation>, sävelkorkeudella ehdollistettu</translation>
    </message>
    <message>
        <source>Parameters: %1 (encoder %2, decoder %3)</source>
        <translation>Parametrit: %1 (kooderi %2, dekooderi %3)</translation>
    </message>
    <message>
        <source>Receptive field: %1 samples (%2 ms)</source>
        <translation>Reseptiivinen kenttä: %1 näytettä (%2 ms)</translation>
    </message>
    <message>
        <source>Cost per generated sample: %1 M multiply-adds, %2 MB of weights read per step</source>
        <translation>Hinta tuotettua näytettä kohden: %1 M kerto-yhteenlaskua, %2 Mt painoja luetaan askelta kohden</translation>
    </message>
    <message>
        <source>Speed here: decoder %1 samples/s at batch 1, %2 samples/s at batch 16; encoder %3x real time (%4 threads, measured %5)</source>
        <translation>Nopeus täällä: dekooderi %1 näytettä/s eränkoolla 1, %2 näytettä/s eränkoolla 16; kooderi %3-kertainen reaaliaikaan nähden (%4 säiettä, mitattu %5)</translation>
    </message>
    <message>
        <source>A 4-second note takes %1 in a batch of 16.</source>
        <translation>4 sekunnin nuotti vie %1 16 nuotin erässä.</translation>
    </message>
    <message>
        <source>Speed here: not measured yet.</source>
        <translation>Nopeus täällä: ei vielä mitattu.</translation>
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
    <name>nsynth::app::ClusterJobRun</name>
    <message>
        <source>reattached to the cluster job</source>
        <translation>yhdistetty uudelleen klusterin työhön</translation>
    </message>
    <message>
        <source>%1 cannot be started: %2</source>
        <translation>%1 ei käynnisty: %2</translation>
    </message>
    <message>
        <source>planning here: checking and encoding the corner notes</source>
        <translation>suunnitellaan täällä: kulmien nuotteja tarkistetaan ja koodataan</translation>
    </message>
    <message>
        <source>planning the job here (nsynth grid plan)</source>
        <translation>työ suunnitellaan täällä (nsynth grid plan)</translation>
    </message>
    <message>
        <source>paused before submitting</source>
        <translation>keskeytetty ennen lähettämistä</translation>
    </message>
    <message>
        <source>cancelled before submitting</source>
        <translation>peruttu ennen lähettämistä</translation>
    </message>
    <message>
        <source>nsynth grid plan failed (see the log)</source>
        <translation>nsynth grid plan epäonnistui (katso loki)</translation>
    </message>
    <message>
        <source>resubmitting the shards that did not finish</source>
        <translation>keskeneräisiä osia lähetetään uudelleen</translation>
    </message>
    <message>
        <source>staging the job on the cluster</source>
        <translation>työtä siirretään klusterille</translation>
    </message>
    <message>
        <source>resubmitting the unfinished shards</source>
        <translation>keskeneräiset osat lähetetään uudelleen</translation>
    </message>
    <message>
        <source>submitting to cluster &quot;%1&quot;</source>
        <translation>lähetetään klusterille ”%1”</translation>
    </message>
    <message>
        <source>submitted as Slurm job %1 (shards %2); the script is %3</source>
        <translation>lähetetty Slurm-työnä %1 (osat %2); skripti on %3</translation>
    </message>
    <message>
        <source>all %1 notes are here</source>
        <translation>kaikki %1 nuottia ovat täällä</translation>
    </message>
    <message>
        <source>paused: the cluster&apos;s tasks were stopped; %1 of %2 notes are here</source>
        <translation>keskeytetty: klusterin tehtävät pysäytettiin; %1/%2 nuottia on täällä</translation>
    </message>
    <message>
        <source>cancelled: %1 of %2 notes are here</source>
        <translation>peruttu: %1/%2 nuottia on täällä</translation>
    </message>
    <message>
        <source>shard(s) %1 ended without finishing; Resume resubmits them</source>
        <translation>osat %1 päättyivät kesken; Jatka lähettää ne uudelleen</translation>
    </message>
    <message>
        <source>pausing: cancelling the cluster&apos;s tasks (finished notes stay)</source>
        <translation>keskeytetään: klusterin tehtävät perutaan (valmiit nuotit säilyvät)</translation>
    </message>
    <message>
        <source>cancelling the cluster&apos;s tasks</source>
        <translation>klusterin tehtäviä perutaan</translation>
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
    <name>nsynth::app::JobQueue</name>
    <message>
        <source>This build cannot run %1 jobs; the job is left as it was.</source>
        <translation>Tämä versio ei voi ajaa %1-töitä; työ jätetään ennalleen.</translation>
    </message>
    <message>
        <source>resumed after the workbench was reopened</source>
        <translation>jatkettu, kun työpöytä avattiin uudelleen</translation>
    </message>
    <message>
        <source>The job queue could not be saved: %1</source>
        <translation>Työjonoa ei voitu tallentaa: %1</translation>
    </message>
    <message>
        <source>Give the job a name.</source>
        <translation>Anna työlle nimi.</translation>
    </message>
    <message>
        <source>A job name is 1 to 64 letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;, and does not start with &apos;.&apos;.</source>
        <translation>Työn nimessä on 1–64 kirjainta, numeroa tai merkkiä &apos;-&apos;, &apos;_&apos; tai &apos;.&apos;, eikä se ala merkillä &apos;.&apos;.</translation>
    </message>
    <message>
        <source>The queue already has a job named %1.</source>
        <translation>Jonossa on jo työ nimeltä %1.</translation>
    </message>
    <message>
        <source>%1 already exists in the jobs folder.</source>
        <translation>%1 on jo töiden kansiossa.</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>Työtilaa ei ole avattu.</translation>
    </message>
    <message>
        <source>There is no runner for %1 jobs.</source>
        <translation>%1-töille ei ole ajajaa.</translation>
    </message>
    <message>
        <source>The grid settings have problems: %1</source>
        <translation>Ruudukon asetuksissa on ongelmia: %1</translation>
    </message>
    <message>
        <source>%1 cannot be created.</source>
        <translation>Kansiota %1 ei voi luoda.</translation>
    </message>
    <message>
        <source>The job&apos;s grid file could not be written: %1</source>
        <translation>Työn ruudukkotiedostoa ei voitu kirjoittaa: %1</translation>
    </message>
    <message>
        <source>%1 is running; pause or cancel it first.</source>
        <translation>%1 on käynnissä; keskeytä tai peru se ensin.</translation>
    </message>
</context>
<context>
    <name>nsynth::app::LocalJobRun</name>
    <message>
        <source>generating</source>
        <translation>tuotetaan</translation>
    </message>
    <message>
        <source>planning: checking and encoding the corner notes</source>
        <translation>suunnitellaan: tarkistetaan ja koodataan kulmanuotit</translation>
    </message>
    <message>
        <source>batch %1 written: %2 of %3 notes of this run</source>
        <translation>erä %1 kirjoitettu: %2/%3 tämän ajon nuotista</translation>
    </message>
    <message>
        <source>planning: encoding the corner notes (%1 of %2)</source>
        <translation>suunnitellaan: koodataan kulmanuotteja (%1/%2)</translation>
    </message>
    <message>
        <source>stopped after planning</source>
        <translation>pysäytetty suunnittelun jälkeen</translation>
    </message>
    <message>
        <source>the grid cannot be planned: %1</source>
        <translation>ruudukkoa ei voi suunnitella: %1</translation>
    </message>
    <message>
        <source>stopped while planning</source>
        <translation>pysäytetty kesken suunnittelun</translation>
    </message>
    <message>
        <source>nsynth grid plan ended without a result (see the log)</source>
        <translation>nsynth grid plan päättyi ilman tulosta (katso loki)</translation>
    </message>
    <message>
        <source>%1 notes generated in %2 (%3 samples/s)</source>
        <translation>%1 nuottia tuotettu ajassa %2 (%3 näytettä/s)</translation>
    </message>
    <message>
        <source>the run ended but %1 of %2 notes are missing; Resume generates them</source>
        <translation>ajo päättyi, mutta %1/%2 nuotista puuttuu; Jatka tuottaa ne</translation>
    </message>
    <message>
        <source>stopped at a batch boundary: %1 of %2 notes done</source>
        <translation>pysäytetty erän rajalla: %1/%2 nuotista valmiina</translation>
    </message>
    <message>
        <source>stopped; the batch in progress was abandoned: %1 of %2 notes done</source>
        <translation>pysäytetty; kesken ollut erä hylättiin: %1/%2 nuotista valmiina</translation>
    </message>
    <message>
        <source>all %1 notes are generated</source>
        <translation>kaikki %1 nuottia on tuotettu</translation>
    </message>
    <message>
        <source>stopped: %1 of %2 notes done</source>
        <translation>pysäytetty: %1/%2 nuotista valmiina</translation>
    </message>
    <message>
        <source>the generator stopped without a result (killed or crashed?); %1 of %2 notes are done and Resume continues from there</source>
        <translation>tuottaja pysähtyi ilman tulosta (lopetettu tai kaatunut?); %1/%2 nuotista on valmiina, ja Jatka jatkaa siitä</translation>
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
    <name>nsynth::audio::StreamPlayer</name>
    <message>
        <source>No audio output device was found, so the preview cannot be heard.</source>
        <translation>Äänen ulostuloa ei löytynyt, joten esikuuntelua ei voi kuulla.</translation>
    </message>
    <message>
        <source>The output device &quot;%1&quot; is not available any more.</source>
        <translation>Ulostulolaite &quot;%1&quot; ei ole enää käytettävissä.</translation>
    </message>
    <message>
        <source>The output device &quot;%1&quot; reports no usable format.</source>
        <translation>Ulostulolaite &quot;%1&quot; ei ilmoita käyttökelpoista muotoa.</translation>
    </message>
    <message>
        <source>The output device &quot;%1&quot; could not be opened (%2).</source>
        <translation>Ulostulolaitetta &quot;%1&quot; ei voitu avata (%2).</translation>
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
    <name>nsynth::widgets::ClusterProfilesDialog</name>
    <message>
        <source>Cluster profiles</source>
        <translation>Klusteriprofiilit</translation>
    </message>
    <message>
        <source>Unknown host key</source>
        <translation>Tuntematon palvelinavain</translation>
    </message>
    <message>
        <source>%1 is not known yet. It presents a key with the fingerprint

%2

Compare it with the fingerprint your cluster publishes (its documentation or administrators). Trust this key only if they are the same.</source>
        <translation>%1 ei ole vielä tuttu. Se esittää avaimen, jonka sormenjälki on

%2

Vertaa sitä sormenjälkeen, jonka klusterisi julkaisee (sen ohjeet tai ylläpitäjät). Luota tähän avaimeen vain, jos ne ovat samat.</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Uusi</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Poista</translation>
    </message>
    <message>
        <source>Profiles (shared with nsynth cluster):</source>
        <translation>Profiilit (yhteiset nsynth cluster -komennon kanssa):</translation>
    </message>
    <message>
        <source>e.g. triton</source>
        <translation>esim. triton</translation>
    </message>
    <message>
        <source>This computer is the cluster&apos;s login node (no SSH)</source>
        <translation>Tämä tietokone on klusterin kirjautumissolmu (ei SSH:ta)</translation>
    </message>
    <message>
        <source>an alias of ~/.ssh/config, host or user@host</source>
        <translation>~/.ssh/config-tiedoston alias, palvelin tai käyttäjä@palvelin</translation>
    </message>
    <message>
        <source>optional: another ssh config file</source>
        <translation>valinnainen: toinen ssh-asetustiedosto</translation>
    </message>
    <message>
        <source>/scratch/work/me/nsynth or ~/nsynth</source>
        <translation>/scratch/work/minä/nsynth tai ~/nsynth</translation>
    </message>
    <message>
        <source>nsynth, /path/to/nsynth or module load nsynth; nsynth</source>
        <translation>nsynth, /polku/nsynth tai module load nsynth; nsynth</translation>
    </message>
    <message>
        <source>the cluster&apos;s default</source>
        <translation>klusterin oletus</translation>
    </message>
    <message>
        <source>none (generation runs on CPUs)</source>
        <translation>ei mitään (tuotto käyttää suorittimia)</translation>
    </message>
    <message>
        <source>e.g. 8G</source>
        <translation>esim. 8G</translation>
    </message>
    <message>
        <source>e.g. 04:00:00</source>
        <translation>esim. 04:00:00</translation>
    </message>
    <message>
        <source>the default account</source>
        <translation>oletustili</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>ei rajaa</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>no warning</source>
        <translation>ei varoitusta</translation>
    </message>
    <message>
        <source>further sbatch options, one per line, e.g. --qos=normal</source>
        <translation>muut sbatch-valitsimet, yksi riville, esim. --qos=normal</translation>
    </message>
    <message>
        <source>rsync, or scp where rsync is missing</source>
        <translation>rsync, tai scp jos rsync puuttuu</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nimi:</translation>
    </message>
    <message>
        <source>SSH host:</source>
        <translation>SSH-palvelin:</translation>
    </message>
    <message>
        <source>SSH config:</source>
        <translation>SSH-asetukset:</translation>
    </message>
    <message>
        <source>Work folder there:</source>
        <translation>Työkansio siellä:</translation>
    </message>
    <message>
        <source>nsynth command:</source>
        <translation>nsynth-komento:</translation>
    </message>
    <message>
        <source>Partition:</source>
        <translation>Osio:</translation>
    </message>
    <message>
        <source>--gres:</source>
        <translation>--gres:</translation>
    </message>
    <message>
        <source>CPUs per task:</source>
        <translation>Suorittimia tehtävää kohden:</translation>
    </message>
    <message>
        <source>Memory per task:</source>
        <translation>Muistia tehtävää kohden:</translation>
    </message>
    <message>
        <source>Time limit per task:</source>
        <translation>Aikaraja tehtävää kohden:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Tili:</translation>
    </message>
    <message>
        <source>Tasks at once:</source>
        <translation>Tehtäviä yhtä aikaa:</translation>
    </message>
    <message>
        <source>Warning before the time limit:</source>
        <translation>Varoitus ennen aikarajaa:</translation>
    </message>
    <message>
        <source>Other sbatch options:</source>
        <translation>Muut sbatch-valitsimet:</translation>
    </message>
    <message>
        <source>File transfer:</source>
        <translation>Tiedostonsiirto:</translation>
    </message>
    <message>
        <source>No passwords or keys are stored: ssh uses your agent, key files and ~/.ssh/config.</source>
        <translation>Salasanoja tai avaimia ei tallenneta: ssh käyttää agenttiasi, avaintiedostojasi ja ~/.ssh/config-tiedostoa.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Tallenna</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Testaa yhteys</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Tarkistus</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Tulos</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Tiedot</translation>
    </message>
    <message>
        <source>Not tested yet.</source>
        <translation>Ei vielä testattu.</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profiili</translation>
    </message>
    <message>
        <source>Connection test</source>
        <translation>Yhteystesti</translation>
    </message>
    <message>
        <source>sbatch script</source>
        <translation>sbatch-skripti</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>tämä tietokone</translation>
    </message>
    <message>
        <source>The profile cannot be saved</source>
        <translation>Profiilia ei voi tallentaa</translation>
    </message>
    <message>
        <source>The profile cannot be removed</source>
        <translation>Profiilia ei voi poistaa</translation>
    </message>
    <message>
        <source># The profile has problems:
</source>
        <translation># Profiilissa on ongelmia:
</translation>
    </message>
    <message>
        <source>example</source>
        <translation>esimerkki</translation>
    </message>
    <message>
        <source>Testing %1 ...</source>
        <translation>Testataan %1 ...</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>Yhteyttä testataan</translation>
    </message>
    <message>
        <source>The host key was not trusted</source>
        <translation>Palvelinavaimeen ei luotettu</translation>
    </message>
    <message>
        <source>The host key has changed</source>
        <translation>Palvelinavain on muuttunut</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>kunnossa</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>varoitus</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>EPÄONNISTUI</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>ei tarkistettu</translation>
    </message>
    <message>
        <source>The cluster is ready for grid jobs.</source>
        <translation>Klusteri on valmis ruudukkotöihin.</translation>
    </message>
    <message>
        <source>The cluster is not ready: see the FAILED checks.</source>
        <translation>Klusteri ei ole valmis: katso EPÄONNISTUI-tarkistukset.</translation>
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
    <name>nsynth::widgets::GridDesignerPage</name>
    <message>
        <source>Choose the instruments of the four corners (several in a corner make one bank per combination, as Open NSynth Super banks allow), the resolution and the pitches. What it takes is shown on the right before anything runs.</source>
        <translation>Valitse neljän kulman soittimet (useampi soitin kulmassa tekee yhden pankin kutakin yhdistelmää kohden, kuten Open NSynth Superin pankit sallivat), tarkkuus ja sävelkorkeudet. Mitä työ vaatii, näkyy oikealla ennen kuin mitään ajetaan.</translation>
    </message>
    <message>
        <source>Corners</source>
        <translation>Kulmat</translation>
    </message>
    <message>
        <source>Top left</source>
        <translation>Vasen yläkulma</translation>
    </message>
    <message>
        <source>Top right</source>
        <translation>Oikea yläkulma</translation>
    </message>
    <message>
        <source>Bottom left</source>
        <translation>Vasen alakulma</translation>
    </message>
    <message>
        <source>Bottom right</source>
        <translation>Oikea alakulma</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Ruudukko</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Tarkkuus:</translation>
    </message>
    <message>
        <source>Cells per side of the pad (Open NSynth Super: 9)</source>
        <translation>Ruutuja kosketuspinnan sivulla (Open NSynth Super: 9)</translation>
    </message>
    <message>
        <source>Pitches:</source>
        <translation>Sävelkorkeudet:</translation>
    </message>
    <message>
        <source>Common Pitches</source>
        <translation>Yhteiset sävelkorkeudet</translation>
    </message>
    <message>
        <source>Choose the pitches every chosen instrument has (the default)</source>
        <translation>Valitse sävelkorkeudet, jotka kaikilla valituilla soittimilla on (oletus)</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Erän koko:</translation>
    </message>
    <message>
        <source>Notes decoded together; fixed for the job, since pausing and resuming work on whole batches</source>
        <translation>Yhdessä dekoodattavat nuotit; kiinteä koko työn ajan, koska keskeytys ja jatkaminen toimivat kokonaisin erin</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Siemen:</translation>
    </message>
    <message>
        <source>Every note has its own random stream from the seed and its identity</source>
        <translation>Jokaisella nuotilla on oma satunnaislukuvirtansa, joka johdetaan siemenestä ja nuotin tunnisteesta</translation>
    </message>
    <message>
        <source>Shards:</source>
        <translation>Osat:</translation>
    </message>
    <message>
        <source>How many array tasks a cluster run would use (for the cluster estimate)</source>
        <translation>Kuinka monta taulukkotehtävää klusteriajo käyttäisi (klusteriarviota varten)</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Säikeet:</translation>
    </message>
    <message>
        <source>all</source>
        <translation>kaikki</translation>
    </message>
    <message>
        <source>Compute threads of a local job (all: every core). On a machine shared with other work, give it only the cores it may use.</source>
        <translation>Paikallisen työn laskentasäikeet (kaikki: jokainen ydin). Jos kone on jaettu muun työn kanssa, anna sille vain ne ytimet, joita se saa käyttää.</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Malli:</translation>
    </message>
    <message>
        <source>Job name:</source>
        <translation>Työn nimi:</translation>
    </message>
    <message>
        <source>Add to Queue</source>
        <translation>Lisää jonoon</translation>
    </message>
    <message>
        <source>What it takes</source>
        <translation>Mitä se vaatii</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Ongelmat</translation>
    </message>
    <message>
        <source>none (Model &gt; Choose Model)</source>
        <translation>ei mitään (Malli &gt; Valitse malli)</translation>
    </message>
    <message>
        <source>%1 (loading...)</source>
        <translation>%1 (ladataan...)</translation>
    </message>
    <message>
        <source>Pitches: %1</source>
        <translation>Sävelkorkeudet: %1</translation>
    </message>
    <message>
        <source>Not every chosen instrument has a note at this pitch</source>
        <translation>Kaikilla valituilla soittimilla ei ole nuottia tällä sävelkorkeudella</translation>
    </message>
    <message>
        <source>No grid yet</source>
        <translation>Ei vielä ruudukkoa</translation>
    </message>
    <message>
        <source>Choose at least one instrument for every corner and at least one pitch.</source>
        <translation>Valitse jokaiseen kulmaan vähintään yksi soitin ja vähintään yksi sävelkorkeus.</translation>
    </message>
    <message>
        <source>%1 unique notes</source>
        <translation>%1 erilaista nuottia</translation>
    </message>
    <message>
        <source>%1 bank(s) x %2 cells x %3 pitch(es) = %4 grid notes; after de-duplication %5 are generated, in %6 batches of %7.</source>
        <translation>%1 pankkia x %2 ruutua x %3 sävelkorkeutta = %4 ruudukon nuottia; kaksoiskappaleiden poiston jälkeen tuotetaan %5, %6 erässä à %7.</translation>
    </message>
    <message>
        <source>Checking the grid</source>
        <translation>Tarkistetaan ruudukkoa</translation>
    </message>
    <message>
        <source>Measuring the decoder</source>
        <translation>Mitataan dekooderia</translation>
    </message>
    <message>
        <source>The model is loading; the time follows once it is ready.</source>
        <translation>Mallia ladataan; aika-arvio tulee, kun se on valmis.</translation>
    </message>
    <message>
        <source>Clusters: this build has no cluster support.</source>
        <translation>Klusterit: tässä versiossa ei ole klusteritukea.</translation>
    </message>
    <message>
        <source>Clusters: none configured.</source>
        <translation>Klusterit: yhtään ei ole määritetty.</translation>
    </message>
    <message>
        <source>Clusters:</source>
        <translation>Klusterit:</translation>
    </message>
    <message>
        <source>No model is chosen: choose one in the Model menu (or the Model Manager).</source>
        <translation>Mallia ei ole valittu: valitse malli Malli-valikosta (tai mallienhallinnasta).</translation>
    </message>
    <message>
        <source>Open a workspace with notes first.</source>
        <translation>Avaa ensin työtila, jossa on nuotteja.</translation>
    </message>
    <message>
        <source>Ready: nothing stands in the way. Add it to the queue to generate it on this computer.</source>
        <translation>Valmis: mikään ei ole esteenä. Lisää se jonoon tuottaaksesi sen tällä tietokoneella.</translation>
    </message>
    <message>
        <source>Open a workspace first: its jobs folder holds the queue.</source>
        <translation>Avaa ensin työtila: sen töiden kansiossa on jono.</translation>
    </message>
    <message>
        <source>No model is chosen.</source>
        <translation>Mallia ei ole valittu.</translation>
    </message>
    <message>
        <source>The grid cannot be queued: %1</source>
        <translation>Ruudukkoa ei voi lisätä jonoon: %1</translation>
    </message>
    <message>
        <source>Run on:</source>
        <translation>Suorita:</translation>
    </message>
    <message>
        <source>This computer, or a Slurm cluster of your cluster profiles (Settings menu, Cluster Profiles); a cluster job is planned here, then runs as one array task per shard</source>
        <translation>Tämä tietokone tai jokin klusteriprofiiliesi Slurm-klustereista (Asetukset-valikko, Klusteriprofiilit); klusterityö suunnitellaan täällä ja suoritetaan sitten yhtenä taulukkotehtävänä osaa kohden</translation>
    </message>
    <message>
        <source>Ready: nothing stands in the way. Add it to the queue to generate it on cluster &quot;%1&quot; in %2 array tasks.</source>
        <translation>Valmis: mikään ei estä. Lisää se jonoon, niin se tuotetaan klusterilla ”%1” %2 taulukkotehtävänä.</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>tämä tietokone</translation>
    </message>
    <message>
        <source>cluster &quot;%1&quot;</source>
        <translation>klusteri ”%1”</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::GridExportDialog</name>
    <message>
        <source>Export Grid</source>
        <translation>Vie ruudukko</translation>
    </message>
    <message>
        <source>Job %1: %2 bank(s) of %3 x %3 cells and %4 pitch(es); %5 of %6 unique notes generated.</source>
        <translation>Työ %1: %2 pankkia, kussakin %3 x %3 ruutua ja %4 sävelkorkeutta; %5/%6 erilaisesta nuotista tuotettu.</translation>
    </message>
    <message>
        <source>The job %1 cannot be opened: %2</source>
        <translation>Työtä %1 ei voi avata: %2</translation>
    </message>
    <message>
        <source>Open NSynth Super banks (.bin) and the device&apos;s settings.json</source>
        <translation>Open NSynth Superin pankit (.bin) ja laitteen settings.json</translation>
    </message>
    <message>
        <source>Pure Data grid (the course&apos;s nsynth.pd)</source>
        <translation>Pure Data -ruudukko (kurssin nsynth.pd)</translation>
    </message>
    <message>
        <source>Sample pack: one file per unique note, with index.csv</source>
        <translation>Näytepaketti: yksi tiedosto kutakin erilaista nuottia kohden sekä index.csv</translation>
    </message>
    <message>
        <source>16-bit (exact)</source>
        <translation>16-bittinen (tarkka)</translation>
    </message>
    <message>
        <source>24-bit</source>
        <translation>24-bittinen</translation>
    </message>
    <message>
        <source>32-bit float</source>
        <translation>32-bittinen liukuluku</translation>
    </message>
    <message>
        <source>Write:</source>
        <translation>Kirjoita:</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>Valitse...</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Kansio:</translation>
    </message>
    <message>
        <source>nsynth.dataDirectory in the device&apos;s settings.json: where the device looks for the banks</source>
        <translation>nsynth.dataDirectory laitteen settings.json-tiedostossa: mistä laite etsii pankit</translation>
    </message>
    <message>
        <source>Banks folder on the device:</source>
        <translation>Pankkien kansio laitteessa:</translation>
    </message>
    <message>
        <source>Export although notes are missing (they become silence)</source>
        <translation>Vie, vaikka nuotteja puuttuu (niiden tilalle tulee hiljaisuutta)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Vie</translation>
    </message>
    <message>
        <source>Export into</source>
        <translation>Vie kansioon</translation>
    </message>
    <message>
        <source>&lt;b&gt;Onto the device.&lt;/b&gt; Copy every &lt;tt&gt;%1/ons/pads/*.bin&lt;/tt&gt; into the device&apos;s banks folder &lt;tt&gt;%2&lt;/tt&gt; (the Raspberry Pi&apos;s SD card, or over the network with &lt;tt&gt;scp&lt;/tt&gt;), and &lt;tt&gt;%1/ons/settings.json&lt;/tt&gt; over the app&apos;s settings, &lt;tt&gt;/home/pi/opt/of/apps/open-nsynth/open-nsynth/bin/data/settings.json&lt;/tt&gt; (keep a copy of the old one). The settings list the corner instruments with their screen names, the pitches, the resolution and the note length, all matching these banks; restart the device afterwards. Every corner combination the device&apos;s encoders can reach needs its bank, or the device stays silent.</source>
        <translation>&lt;b&gt;Laitteeseen.&lt;/b&gt; Kopioi jokainen &lt;tt&gt;%1/ons/pads/*.bin&lt;/tt&gt; laitteen pankkikansioon &lt;tt&gt;%2&lt;/tt&gt; (Raspberry Pin SD-kortille tai verkon yli &lt;tt&gt;scp&lt;/tt&gt;:llä) ja &lt;tt&gt;%1/ons/settings.json&lt;/tt&gt; sovelluksen asetusten päälle, &lt;tt&gt;/home/pi/opt/of/apps/open-nsynth/open-nsynth/bin/data/settings.json&lt;/tt&gt; (säilytä vanhasta kopio). Asetuksissa luetellaan kulmien soittimet näyttönimineen, sävelkorkeudet, tarkkuus ja nuotin pituus, kaikki näitä pankkeja vastaavasti; käynnistä laite sen jälkeen uudelleen. Jokainen kulmayhdistelmä, johon laitteen säätimillä pääsee, tarvitsee pankkinsa, tai laite pysyy hiljaa.</translation>
    </message>
    <message>
        <source>%1 of %2 notes are not generated yet: finish the job first, or export with silence in their place.</source>
        <translation>%1/%2 nuotista ei ole vielä tuotettu: saata työ ensin valmiiksi tai vie hiljaisuus niiden tilalla.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Peru</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sulje</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Viedään</translation>
    </message>
    <message>
        <source>Exporting: %1 of %2 MB</source>
        <translation>Viedään: %1/%2 Mt</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 jäljellä</translation>
    </message>
    <message>
        <source>Export cancelled; the files finished before that are complete, nothing is half written.</source>
        <translation>Vienti peruttiin; sitä ennen valmistuneet tiedostot ovat kokonaisia, mitään ei jäänyt puoliksi kirjoitetuksi.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Vienti epäonnistui: %1</translation>
    </message>
    <message>
        <source>Exported %1 file(s), %2 MB, in %3 to %4.</source>
        <translation>Vietiin %1 tiedostoa, %2 Mt, ajassa %3 kansioon %4.</translation>
    </message>
    <message>
        <source>Exporting...</source>
        <translation>Viedään...</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::GridPreviewPage</name>
    <message>
        <source>Open a grid job folder</source>
        <translation>Avaa ruudukkotyön kansio</translation>
    </message>
    <message>
        <source>Job:</source>
        <translation>Työ:</translation>
    </message>
    <message>
        <source>Open Job Folder...</source>
        <translation>Avaa työn kansio...</translation>
    </message>
    <message>
        <source>Corners</source>
        <translation>Kulmat</translation>
    </message>
    <message>
        <source>Top left:</source>
        <translation>Vasen yläkulma:</translation>
    </message>
    <message>
        <source>Top right:</source>
        <translation>Oikea yläkulma:</translation>
    </message>
    <message>
        <source>Bottom left:</source>
        <translation>Vasen alakulma:</translation>
    </message>
    <message>
        <source>Bottom right:</source>
        <translation>Oikea alakulma:</translation>
    </message>
    <message>
        <source>Source notes (hold to hear a corner&apos;s own note at the last key&apos;s pitch)</source>
        <translation>Lähdenuotit (pidä painettuna kuullaksesi kulman oman nuotin viimeisimmän koskettimen sävelkorkeudella)</translation>
    </message>
    <message>
        <source>Play with the keys A W S E D F T G Y H U J K O L P ; &apos; (Z and X change the octave) or click the keyboard below. Each key plays the cell&apos;s nearest generated pitch, resampled as Open NSynth Super does. Touch the pad to move between cells.</source>
        <translation>Soita näppäimillä A W S E D F T G Y H U J K O L P ; &apos; (Z ja X vaihtavat oktaavia) tai napsauta alla olevaa koskettimistoa. Jokainen kosketin soittaa ruudun lähimmän tuotetun sävelkorkeuden uudelleennäytteistettynä kuten Open NSynth Super. Kosketa pintaa siirtyäksesi ruudusta toiseen.</translation>
    </message>
    <message>
        <source>How long a note takes to rise to full level</source>
        <translation>Kuinka kauan nuotilta kestää nousta täyteen voimakkuuteen</translation>
    </message>
    <message>
        <source>How long a note takes to fade out after the key is released</source>
        <translation>Kuinka kauan nuotilta kestää vaimentua, kun kosketin vapautetaan</translation>
    </message>
    <message>
        <source>Voices:</source>
        <translation>Äänet:</translation>
    </message>
    <message>
        <source>How many keys can sound at once; a key beyond that takes the oldest voice</source>
        <translation>Kuinka monta kosketinta voi soida yhtä aikaa; sitä useampi kosketin vie vanhimman äänen</translation>
    </message>
    <message>
        <source>Volume:</source>
        <translation>Voimakkuus:</translation>
    </message>
    <message>
        <source>All Notes Off</source>
        <translation>Kaikki nuotit pois</translation>
    </message>
    <message>
        <source>Octave down (Z)</source>
        <translation>Oktaavi alas (Z)</translation>
    </message>
    <message>
        <source>Octave up (X)</source>
        <translation>Oktaavi ylös (X)</translation>
    </message>
    <message>
        <source>(no planned jobs yet)</source>
        <translation>(ei vielä suunniteltuja töitä)</translation>
    </message>
    <message>
        <source>The job %1 cannot be previewed: %2</source>
        <translation>Työtä %1 ei voi esikuunnella: %2</translation>
    </message>
    <message>
        <source>The notes of cell (%1, %2) cannot be read: %3</source>
        <translation>Ruudun (%1, %2) nuotteja ei voi lukea: %3</translation>
    </message>
    <message>
        <source>Open a planned job to hear it.</source>
        <translation>Avaa suunniteltu työ kuullaksesi sen.</translation>
    </message>
    <message>
        <source>(no corner)</source>
        <translation>(ei kulmaa)</translation>
    </message>
    <message>
        <source>%1 of %2 unique notes generated; bank %3</source>
        <translation>%1/%2 erilaisesta nuotista tuotettu; pankki %3</translation>
    </message>
    <message>
        <source>top left</source>
        <translation>vasen yläkulma</translation>
    </message>
    <message>
        <source>top right</source>
        <translation>oikea yläkulma</translation>
    </message>
    <message>
        <source>bottom left</source>
        <translation>vasen alakulma</translation>
    </message>
    <message>
        <source>bottom right</source>
        <translation>oikea alakulma</translation>
    </message>
    <message>
        <source>Touch (%1, %2) of 0-10 plays cell (%3, %4) of %5 x %5; %6 of %7 pitches generated.</source>
        <translation>Kosketus (%1, %2) asteikolla 0–10 soittaa ruudun (%3, %4) ruudukosta %5 x %5; %6/%7 sävelkorkeudesta tuotettu.</translation>
    </message>
    <message>
        <source>Play %1</source>
        <translation>Soita %1</translation>
    </message>
    <message>
        <source>The %1 corner&apos;s source note: %2</source>
        <translation>Kulman (%1) lähdenuotti: %2</translation>
    </message>
    <message>
        <source>This corner was given as an embedding; there is no audio to play</source>
        <translation>Tämä kulma annettiin upotuksena; soitettavaa ääntä ei ole</translation>
    </message>
    <message>
        <source>Keys from %1</source>
        <translation>Koskettimet alkaen %1</translation>
    </message>
    <message>
        <source>Attack %1</source>
        <translation>Nousu %1</translation>
    </message>
    <message>
        <source>Release %1</source>
        <translation>Vapautus %1</translation>
    </message>
    <message>
        <source>Cell (%1, %2) has no generated notes yet.</source>
        <translation>Ruudussa (%1, %2) ei ole vielä tuotettuja nuotteja.</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::JobQueuePage</name>
    <message>
        <source>Remove Job</source>
        <translation>Poista työ</translation>
    </message>
    <message>
        <source>Remove %1 from the queue? Its folder %2 holds the notes generated so far.</source>
        <translation>Poistetaanko %1 jonosta? Sen kansiossa %2 ovat tähän mennessä tuotetut nuotit.</translation>
    </message>
    <message>
        <source>Remove, Keep the Files</source>
        <translation>Poista, säilytä tiedostot</translation>
    </message>
    <message>
        <source>Remove and Delete the Files</source>
        <translation>Poista ja hävitä tiedostot</translation>
    </message>
    <message>
        <source>Grid jobs of this workspace, run in order. A local job runs the headless nsynth grid in a process of its own; Pause stops it after the batch in progress, Cancel at once, and Resume continues where it stopped.</source>
        <translation>Tämän työtilan ruudukkotyöt ajetaan järjestyksessä. Paikallinen työ ajaa komentorivin nsynth grid -komentoa omassa prosessissaan; Keskeytä pysäyttää sen kesken olevan erän jälkeen, Peru heti, ja Jatka jatkaa siitä, mihin se pysähtyi.</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Työ</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Missä</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Edistyminen</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Nuotit</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Nopeus</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Aikaa jäljellä</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Viesti</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Keskeytä</translation>
    </message>
    <message>
        <source>Stop after the batch in progress; Resume continues from there</source>
        <translation>Pysäytä kesken olevan erän jälkeen; Jatka jatkaa siitä</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Jatka</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Peru</translation>
    </message>
    <message>
        <source>Stop now, abandoning the batch in progress; the notes already generated are kept</source>
        <translation>Pysäytä heti ja hylkää kesken oleva erä; jo tuotetut nuotit säilyvät</translation>
    </message>
    <message>
        <source>Remove...</source>
        <translation>Poista...</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>Siirrä ylös</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>Siirrä alas</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Esikuuntele</translation>
    </message>
    <message>
        <source>Export...</source>
        <translation>Vie...</translation>
    </message>
    <message>
        <source>Keep local jobs running when the workbench closes</source>
        <translation>Pidä paikalliset työt käynnissä, kun työpöytä suljetaan</translation>
    </message>
    <message>
        <source>Off: closing stops them after the batch in progress and reopening resumes them</source>
        <translation>Pois: sulkeminen pysäyttää ne kesken olevan erän jälkeen, ja uudelleen avaaminen jatkaa niitä</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Loki</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 samples/s</source>
        <translation>%1 näytettä/s</translation>
    </message>
    <message>
        <source>Log of %1</source>
        <translation>Työn %1 loki</translation>
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
    <message>
        <source>Job %1 finished: open it in the Preview page, or export it.</source>
        <translation>Työ %1 valmistui: avaa se Esikuuntelu-sivulla tai vie se.</translation>
    </message>
    <message>
        <source>Job %1 failed: %2</source>
        <translation>Työ %1 epäonnistui: %2</translation>
    </message>
    <message>
        <source>Model &amp;Manager...</source>
        <translation>Mallien&amp;hallinta...</translation>
    </message>
    <message>
        <source>The default, trained and imported models with their sizes and speed here</source>
        <translation>Oletusmalli, koulutetut ja tuodut mallit kokoineen ja nopeuksineen tällä koneella</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Ruudukko</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Työt</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Esikuuntelu</translation>
    </message>
    <message>
        <source>The job queue of this workspace cannot be read: %1</source>
        <translation>Tämän työtilan työjonoa ei voi lukea: %1</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Viety kansioon %1</translation>
    </message>
    <message>
        <source>&amp;Cluster Profiles...</source>
        <translation>&amp;Klusteriprofiilit...</translation>
    </message>
    <message>
        <source>Slurm clusters for grid jobs: SSH host, work folder, resources; test the connection</source>
        <translation>Slurm-klusterit ruudukkotöille: SSH-palvelin, työkansio, resurssit; yhteyden testaus</translation>
    </message>
</context>
<context>
    <name>nsynth::widgets::ModelManagerDialog</name>
    <message>
        <source>Model Manager</source>
        <translation>Mallienhallinta</translation>
    </message>
    <message>
        <source>The models to generate with: the default model, models trained with this project&apos;s trainer, and Magenta&apos;s TensorFlow checkpoints (give any of a checkpoint&apos;s files, its prefix or its folder). Use makes a model the current one.</source>
        <translation>Mallit, joilla tuotetaan: oletusmalli, tämän projektin kouluttimella koulutetut mallit ja Magentan TensorFlow-tarkistuspisteet (anna mikä tahansa tarkistuspisteen tiedostoista, sen etuliite tai sen kansio). Käytä tekee mallista nykyisen.</translation>
    </message>
    <message>
        <source>Checkpoint weights for new imports:</source>
        <translation>Tarkistuspisteen painot uusille tuonneille:</translation>
    </message>
    <message>
        <source>raw (what Magenta&apos;s tools load)</source>
        <translation>raa&apos;at (jotka Magentan työkalut lataavat)</translation>
    </message>
    <message>
        <source>EMA (the moving average)</source>
        <translation>EMA (liukuva keskiarvo)</translation>
    </message>
    <message>
        <source>Add Model File...</source>
        <translation>Lisää mallitiedosto...</translation>
    </message>
    <message>
        <source>Import Checkpoint File...</source>
        <translation>Tuo tarkistuspistetiedosto...</translation>
    </message>
    <message>
        <source>Import Checkpoint Folder...</source>
        <translation>Tuo tarkistuspistekansio...</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Poista</translation>
    </message>
    <message>
        <source>Measure Speed</source>
        <translation>Mittaa nopeus</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Käytä</translation>
    </message>
    <message>
        <source>Add a model file</source>
        <translation>Lisää mallitiedosto</translation>
    </message>
    <message>
        <source>NSynth models (*.safetensors);;All files (*)</source>
        <translation>NSynth-mallit (*.safetensors);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>Import a TensorFlow checkpoint</source>
        <translation>Tuo TensorFlow-tarkistuspiste</translation>
    </message>
    <message>
        <source>TensorFlow checkpoints (*.index *.meta *.data-* checkpoint);;All files (*)</source>
        <translation>TensorFlow-tarkistuspisteet (*.index *.meta *.data-* checkpoint);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>Import a TensorFlow checkpoint folder</source>
        <translation>Tuo TensorFlow-tarkistuspisteen kansio</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (oletus)</translation>
    </message>
    <message>
        <source>No models yet: add a model file or import a checkpoint.</source>
        <translation>Malleja ei vielä ole: lisää mallitiedosto tai tuo tarkistuspiste.</translation>
    </message>
    <message>
        <source>(The files changed since this summary; measure again.)</source>
        <translation>(Tiedostot ovat muuttuneet tämän yhteenvedon jälkeen; mittaa uudelleen.)</translation>
    </message>
    <message>
        <source>Not summarised yet.</source>
        <translation>Yhteenvetoa ei ole vielä tehty.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 ei ole olemassa.</translation>
    </message>
    <message>
        <source>The model list cannot be saved: %1</source>
        <translation>Malliluetteloa ei voi tallentaa: %1</translation>
    </message>
    <message>
        <source>Summarising the model</source>
        <translation>Tehdään mallin yhteenvetoa</translation>
    </message>
    <message>
        <source>Loading the model and measuring its speed on this computer...</source>
        <translation>Ladataan mallia ja mitataan sen nopeutta tällä tietokoneella...</translation>
    </message>
    <message>
        <source>Loading the model...</source>
        <translation>Ladataan mallia...</translation>
    </message>
    <message>
        <source>%1 cannot be used: %2</source>
        <translation>Mallia %1 ei voi käyttää: %2</translation>
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
