"""The language packs end to end: one small synthetic news page per language.

Each page has a headline, a byline, a relative timestamp, a caption, four prose
paragraphs with an advertisement label and a "read also" line between them, a share bar
and a comment section with two comments. Cleaning it must detect the language, put the
byline's names in `authors` and the caption in `captions`, remove exactly the page
furniture (each line by the expected rule of that language's pack) and keep exactly the
four paragraphs. The texts are invented; no rule was written from them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

import cleannews


@dataclass(frozen=True)
class Page:
    title: str
    byline: str
    authors: tuple[str, ...]
    timestamp: str
    caption: str
    paragraphs: tuple[str, str, str, str]
    ad: str
    read_also: str
    share: str
    comments: str
    replies: tuple[str, str]

    def text(self) -> str:
        p1, p2, p3, p4 = self.paragraphs
        lines = [
            self.title,
            self.byline,
            self.timestamp,
            self.caption,
            p1,
            self.ad,
            p2,
            self.read_also,
            p3,
            p4,
            self.share,
            self.comments,
            *self.replies,
        ]
        return "\n\n".join(lines) + "\n"


PAGES: dict[str, Page] = {
    "de": Page(
        title="Stadtrat beschließt neue Radwege für die Innenstadt",
        byline="Von Max Mustermann",
        authors=("Max Mustermann",),
        timestamp="vor 2 Stunden",
        caption="Der Stadtrat bei der Sitzung am Montagabend im Rathaus. (Archivbild)",
        paragraphs=(
            "Der Stadtrat hat am Montagabend mit großer Mehrheit beschlossen, in den kommenden drei Jahren insgesamt zwölf Kilometer neue Radwege in der Innenstadt zu bauen. Die Kosten sollen zum größten Teil aus Fördermitteln des Landes gedeckt werden.",
            "Nach Angaben der Verwaltung sollen die ersten Abschnitte bereits im Frühjahr fertig sein. Vor allem die stark befahrenen Straßen rund um den Bahnhof gelten seit Jahren als gefährlich für Radfahrerinnen und Radfahrer, die dort täglich unterwegs sind.",
            "Kritik kam von der Opposition, die das Projekt grundsätzlich unterstützt, aber vor Engpässen bei den Parkplätzen für Anwohner warnt. Die Händler in der Altstadt befürchten zudem, dass weniger Kunden mit dem Auto in die Innenstadt kommen könnten.",
            "Die Bürgermeisterin zeigte sich nach der Abstimmung zufrieden und sprach von einem wichtigen Schritt für die Verkehrswende. Bis zum Sommer sollen die Bürger bei mehreren Informationsabenden ihre Anregungen und Wünsche einbringen können.",
        ),
        ad="Anzeige",
        read_also="Lesen Sie auch: Neue Buslinie verbindet ab Juli die Vororte",
        share="Teilen",
        comments="Kommentare",
        replies=(
            "Radler42: Endlich passiert etwas, das hat viel zu lange gedauert!",
            "Anwohnerin: Und wo sollen wir jetzt parken? Darüber hat niemand nachgedacht.",
        ),
    ),
    "fr": Page(
        title="Le conseil municipal vote de nouvelles pistes cyclables",
        byline="Par Jean Dupont",
        authors=("Jean Dupont",),
        timestamp="il y a 3 heures",
        caption="Photo : Marie Martin / Exemple Presse",
        paragraphs=(
            "Le conseil municipal a adopté lundi soir, à une large majorité, un plan prévoyant la construction de douze kilomètres de nouvelles pistes cyclables dans le centre-ville au cours des trois prochaines années. La région financera l'essentiel des travaux.",
            "Selon la mairie, les premiers tronçons devraient être achevés dès le printemps prochain. Les rues très fréquentées autour de la gare sont considérées depuis longtemps comme dangereuses pour les cyclistes qui les empruntent chaque jour pour aller travailler.",
            "L'opposition soutient le projet sur le principe mais craint un manque de places de stationnement pour les riverains. Les commerçants du vieux quartier redoutent également une baisse de leur clientèle, qui vient souvent en voiture depuis les communes voisines.",
            "La maire s'est félicitée du résultat du vote et a parlé d'une étape importante pour la transition écologique de la ville. Plusieurs réunions publiques seront organisées avant l'été afin que les habitants puissent donner leur avis sur le tracé.",
        ),
        ad="Publicité",
        read_also="Lire aussi : Une nouvelle ligne de bus reliera les quartiers en juillet",
        share="Partager",
        comments="Commentaires",
        replies=(
            "Cycliste75 : Enfin ! Cela fait des années qu'on attend ces aménagements.",
            "Riveraine : Et où allons-nous nous garer maintenant ? Personne n'y a pensé.",
        ),
    ),
    "es": Page(
        title="El ayuntamiento aprueba nuevos carriles bici en el centro",
        byline="Por Juan Pérez",
        authors=("Juan Pérez",),
        timestamp="hace 5 minutos",
        caption="Vecinos en bicicleta por la avenida principal (Foto de archivo)",
        paragraphs=(
            "El pleno del ayuntamiento aprobó el lunes por la noche, con una amplia mayoría, un plan para construir doce kilómetros de nuevos carriles bici en el centro de la ciudad durante los próximos tres años. La comunidad autónoma financiará buena parte de las obras.",
            "Según el consistorio, los primeros tramos estarán terminados antes de la primavera. Las calles con más tráfico alrededor de la estación se consideran desde hace años peligrosas para los ciclistas que las recorren cada día para ir a trabajar.",
            "La oposición apoya el proyecto en principio, pero advierte de la falta de plazas de aparcamiento para los residentes. Los comerciantes del casco antiguo temen además perder clientes que suelen llegar en coche desde los municipios cercanos.",
            "La alcaldesa se mostró satisfecha tras la votación y habló de un paso importante para la movilidad sostenible. Antes del verano se celebrarán varias reuniones informativas para que los vecinos puedan presentar sus propuestas sobre el trazado.",
        ),
        ad="Publicidad",
        read_also="Lea también: Una nueva línea de autobús unirá los barrios en julio",
        share="Compartir",
        comments="Comentarios",
        replies=(
            "Ciclista88: ¡Por fin! Llevamos años esperando estos carriles.",
            "Vecina: ¿Y dónde vamos a aparcar ahora? Nadie ha pensado en eso.",
        ),
    ),
    "pt": Page(
        title="Câmara aprova novas ciclovias no centro da cidade",
        byline="Por João Silva",
        authors=("João Silva",),
        timestamp="há 2 horas",
        caption="Foto: Maria Souza / Divulgação",
        paragraphs=(
            "A Câmara Municipal aprovou na noite de segunda-feira, por ampla maioria, um plano para construir doze quilômetros de novas ciclovias no centro da cidade nos próximos três anos. O governo do estado vai financiar a maior parte das obras.",
            "Segundo a prefeitura, os primeiros trechos devem ficar prontos já no início do próximo ano. As ruas mais movimentadas em torno da estação são consideradas há muito tempo perigosas para os ciclistas que passam por ali todos os dias.",
            "A oposição apoia o projeto em princípio, mas alerta para a falta de vagas de estacionamento para os moradores. Os comerciantes do centro histórico também temem perder clientes que costumam chegar de carro dos bairros vizinhos.",
            "A prefeita comemorou o resultado da votação e falou em um passo importante para a mobilidade urbana. Antes do fim do semestre, serão realizadas várias audiências públicas para que os moradores possam opinar sobre o traçado.",
        ),
        ad="Publicidade",
        read_also="Leia também: Nova linha de ônibus vai ligar os bairros em julho",
        share="Compartilhe",
        comments="Comentários",
        replies=(
            "Ciclista22: Finalmente! Esperamos anos por essas ciclovias.",
            "Moradora: E onde vamos estacionar agora? Ninguém pensou nisso.",
        ),
    ),
    "it": Page(
        title="Il consiglio comunale approva nuove piste ciclabili in centro",
        byline="Di Mario Rossi",
        authors=("Mario Rossi",),
        timestamp="2 ore fa",
        caption="Foto di Luca Bianchi",
        paragraphs=(
            "Il consiglio comunale ha approvato lunedì sera, a larga maggioranza, un piano per costruire dodici chilometri di nuove piste ciclabili nel centro della città nei prossimi tre anni. La regione finanzierà gran parte dei lavori previsti.",
            "Secondo il Comune, i primi tratti dovrebbero essere completati già in primavera. Le strade più trafficate intorno alla stazione sono considerate da anni pericolose per i ciclisti che le percorrono ogni giorno per andare al lavoro.",
            "L'opposizione sostiene il progetto in linea di principio, ma teme la carenza di parcheggi per i residenti. I commercianti del centro storico temono inoltre di perdere i clienti che arrivano spesso in auto dai comuni vicini.",
            "La sindaca si è detta soddisfatta dopo il voto e ha parlato di un passo importante per la mobilità sostenibile. Prima dell'estate si terranno diversi incontri pubblici perché i cittadini possano esprimere il loro parere sul percorso.",
        ),
        ad="Pubblicità",
        read_also="Leggi anche: Una nuova linea di autobus collegherà i quartieri a luglio",
        share="Condividi",
        comments="Commenti",
        replies=(
            "Ciclista90: Finalmente! Aspettavamo queste piste da anni.",
            "Residente: E adesso dove parcheggiamo? Nessuno ci ha pensato.",
        ),
    ),
    "nl": Page(
        title="Gemeenteraad stemt in met nieuwe fietspaden in het centrum",
        byline="Door Jan Jansen",
        authors=("Jan Jansen",),
        timestamp="2 uur geleden",
        caption="Foto: Piet de Vries / Voorbeeld Media",
        paragraphs=(
            "De gemeenteraad heeft maandagavond met een ruime meerderheid ingestemd met een plan om de komende drie jaar twaalf kilometer nieuwe fietspaden in het centrum van de stad aan te leggen. De provincie betaalt het grootste deel van de kosten.",
            "Volgens de gemeente moeten de eerste stukken al in het voorjaar klaar zijn. Vooral de drukke straten rond het station worden al jaren als gevaarlijk beschouwd voor fietsers die daar elke dag naar hun werk of school rijden.",
            "De oppositie steunt het plan in principe, maar waarschuwt voor een tekort aan parkeerplaatsen voor bewoners. Winkeliers in de oude binnenstad vrezen bovendien dat klanten die meestal met de auto uit de omliggende dorpen komen, zullen wegblijven.",
            "De burgemeester toonde zich na de stemming tevreden en sprak van een belangrijke stap voor duurzame mobiliteit. Voor de zomer worden er verschillende informatieavonden gehouden, zodat inwoners hun mening over het tracé kunnen geven.",
        ),
        ad="Advertentie",
        read_also="Lees ook: Nieuwe buslijn verbindt vanaf juli de wijken",
        share="Delen",
        comments="Reacties",
        replies=(
            "Fietser12: Eindelijk! Hier wachten we al jaren op.",
            "Bewoonster: En waar moeten wij nu parkeren? Daar heeft niemand aan gedacht.",
        ),
    ),
    "pl": Page(
        title="Rada miasta zatwierdza nowe drogi rowerowe w centrum",
        byline="Autor: Jan Kowalski",
        authors=("Jan Kowalski",),
        timestamp="2 godziny temu",
        caption="Fot. Anna Nowak / Przykład Media",
        paragraphs=(
            "Rada miasta zatwierdziła w poniedziałek wieczorem zdecydowaną większością głosów plan budowy dwunastu kilometrów nowych dróg rowerowych w centrum miasta w ciągu najbliższych trzech lat. Większość kosztów pokryje samorząd województwa, a resztę miasto.",
            "Według urzędu pierwsze odcinki mają być gotowe już wiosną. Najbardziej ruchliwe ulice w okolicy dworca od lat uchodzą za niebezpieczne dla rowerzystów, którzy codziennie dojeżdżają nimi do pracy i do szkoły.",
            "Opozycja co do zasady popiera projekt, ale ostrzega przed brakiem miejsc parkingowych dla mieszkańców. Kupcy ze starego miasta obawiają się ponadto, że stracą klientów, którzy zwykle przyjeżdżają samochodem z okolicznych miejscowości.",
            "Prezydentka miasta po głosowaniu wyraziła zadowolenie i mówiła o ważnym kroku dla zrównoważonego transportu. Przed wakacjami odbędzie się kilka spotkań informacyjnych, na których mieszkańcy będą mogli zgłaszać uwagi do przebiegu tras.",
        ),
        ad="Reklama",
        read_also="Czytaj także: Nowa linia autobusowa połączy dzielnice od lipca",
        share="Udostępnij",
        comments="Komentarze",
        replies=(
            "Rowerzysta7: Nareszcie! Czekaliśmy na to od lat.",
            "Mieszkanka: A gdzie mamy teraz parkować? Nikt o tym nie pomyślał.",
        ),
    ),
    "ru": Page(
        title="Городской совет одобрил новые велодорожки в центре",
        byline="Автор: Иван Петров",
        authors=("Иван Петров",),
        timestamp="2 часа назад",
        caption="Фото: Мария Иванова / Пример Медиа",
        paragraphs=(
            "Городской совет в понедельник вечером большинством голосов утвердил план строительства двенадцати километров новых велосипедных дорожек в центре города в течение ближайших трех лет. Большую часть расходов возьмет на себя областной бюджет.",
            "По данным мэрии, первые участки должны быть готовы уже весной. Самые загруженные улицы вокруг вокзала давно считаются опасными для велосипедистов, которые каждый день ездят по ним на работу и на учебу.",
            "Оппозиция в целом поддерживает проект, но предупреждает о нехватке парковочных мест для жителей. Торговцы в старом городе также опасаются потерять покупателей, которые обычно приезжают на машинах из соседних поселков и деревень.",
            "Мэр после голосования выразила удовлетворение и назвала решение важным шагом для развития городского транспорта. До лета пройдут несколько публичных встреч, на которых жители смогут высказать свое мнение о будущих маршрутах.",
        ),
        ad="Реклама",
        read_also="Читайте также: Новый автобусный маршрут свяжет районы с июля",
        share="Поделиться",
        comments="Комментарии",
        replies=(
            "Велосипедист: Наконец-то! Мы ждали этого много лет.",
            "Жительница: А где нам теперь парковаться? Об этом никто не подумал.",
        ),
    ),
    "tr": Page(
        title="Belediye meclisi şehir merkezine yeni bisiklet yollarını onayladı",
        byline="Yazan: Ahmet Yılmaz",
        authors=("Ahmet Yılmaz",),
        timestamp="2 saat önce",
        caption="Fotoğraf: Ayşe Demir / Örnek Ajans",
        paragraphs=(
            "Belediye meclisi pazartesi akşamı yapılan oturumda büyük bir çoğunlukla, önümüzdeki üç yıl içinde şehir merkezinde toplam on iki kilometre yeni bisiklet yolu yapılmasını öngören planı kabul etti. Masrafların büyük bölümünü il yönetimi karşılayacak.",
            "Belediyenin açıklamasına göre ilk bölümlerin ilkbaharda tamamlanması bekleniyor. Özellikle istasyon çevresindeki yoğun caddeler, her gün işe ve okula bisikletle giden vatandaşlar için yıllardır tehlikeli kabul ediliyor. Bu nedenle çalışmalara önce bu bölgeden başlanacak.",
            "Muhalefet projeyi ilke olarak desteklediğini ancak mahalle sakinleri için park yeri sıkıntısı yaşanabileceğini söyledi. Eski çarşıdaki esnaf da çevre ilçelerden genellikle arabayla gelen müşterilerini kaybetmekten endişe ediyor ve belediyeden yeni otopark talep ediyor.",
            "Belediye başkanı oylamanın ardından memnuniyetini dile getirdi ve kararı sürdürülebilir ulaşım için önemli bir adım olarak nitelendirdi. Yaz gelmeden önce vatandaşların güzergâhlar hakkında görüş bildirebileceği toplantılar düzenlenecek ve öneriler tek tek değerlendirilecek.",
        ),
        ad="Reklam",
        read_also="Ayrıca okuyun: Yeni otobüs hattı temmuzda mahalleleri birbirine bağlayacak",
        share="Paylaş",
        comments="Yorumlar",
        replies=(
            "Bisikletçi34: Nihayet! Yıllardır bunu bekliyorduk.",
            "Mahalleli: Peki şimdi arabalarımızı nereye park edeceğiz? Kimse bunu düşünmemiş.",
        ),
    ),
    "ar": Page(
        title="المجلس البلدي يقر مسارات جديدة للدراجات في وسط المدينة",
        byline="بقلم محمد أحمد",
        authors=("محمد أحمد",),
        timestamp="منذ ساعتين",
        caption="تصوير: سارة محمود",
        paragraphs=(
            "أقر المجلس البلدي مساء الاثنين بأغلبية كبيرة خطة لإنشاء اثني عشر كيلومترا من مسارات الدراجات الجديدة في وسط المدينة خلال السنوات الثلاث المقبلة، على أن تتحمل الحكومة المحلية الجزء الأكبر من تكاليف المشروع.",
            "وبحسب البلدية، من المتوقع الانتهاء من المراحل الأولى في فصل الربيع. وتعد الشوارع المزدحمة المحيطة بمحطة القطار منذ سنوات خطرة على راكبي الدراجات الذين يستخدمونها يوميا للذهاب إلى العمل والمدرسة.",
            "وتؤيد المعارضة المشروع من حيث المبدأ، لكنها تحذر من نقص أماكن وقوف السيارات للسكان. كما يخشى التجار في البلدة القديمة خسارة زبائنهم الذين يأتون عادة بسياراتهم من القرى والبلدات المجاورة للمدينة.",
            "وأعربت رئيسة البلدية بعد التصويت عن ارتياحها، ووصفت القرار بأنه خطوة مهمة نحو نقل أكثر استدامة. وستعقد قبل الصيف عدة لقاءات عامة حتى يتمكن السكان من إبداء آرائهم في المسارات المقترحة.",
        ),
        ad="إعلان",
        read_also="اقرأ أيضا: خط حافلات جديد يربط الأحياء اعتبارا من يوليو",
        share="شارك",
        comments="التعليقات",
        replies=(
            "دراج: أخيرا! ننتظر هذا منذ سنوات طويلة.",
            "ساكنة: وأين سنركن سياراتنا الآن؟ لم يفكر أحد في ذلك.",
        ),
    ),
    "id": Page(
        title="DPRD setujui jalur sepeda baru di pusat kota",
        byline="Oleh Budi Santoso",
        authors=("Budi Santoso",),
        timestamp="2 jam lalu",
        caption="Foto: Siti Rahma / Contoh Media",
        paragraphs=(
            "Dewan Perwakilan Rakyat Daerah pada Senin malam menyetujui dengan suara mayoritas rencana pembangunan dua belas kilometer jalur sepeda baru di pusat kota dalam tiga tahun ke depan. Sebagian besar biaya akan ditanggung oleh pemerintah provinsi.",
            "Menurut pemerintah kota, bagian pertama ditargetkan selesai pada awal tahun depan. Jalan-jalan yang padat di sekitar stasiun sejak lama dianggap berbahaya bagi para pesepeda yang melintasinya setiap hari untuk berangkat kerja dan sekolah.",
            "Pihak oposisi pada prinsipnya mendukung proyek tersebut, tetapi mengingatkan soal kurangnya tempat parkir bagi warga. Para pedagang di kawasan kota tua juga khawatir kehilangan pelanggan yang biasanya datang dengan mobil dari daerah sekitar.",
            "Wali kota menyatakan puas setelah pemungutan suara dan menyebut keputusan itu sebagai langkah penting bagi transportasi yang berkelanjutan. Sebelum pertengahan tahun akan digelar beberapa pertemuan terbuka agar warga dapat memberikan masukan tentang rute.",
        ),
        ad="Iklan",
        read_also="Baca juga: Rute bus baru akan menghubungkan permukiman mulai Juli",
        share="Bagikan",
        comments="Komentar",
        replies=(
            "Pesepeda99: Akhirnya! Kami sudah menunggu bertahun-tahun.",
            "Warga: Lalu kami harus parkir di mana sekarang? Tidak ada yang memikirkannya.",
        ),
    ),
    "ko": Page(
        title="시의회, 도심 자전거도로 신설안 통과",
        byline="홍길동 기자",
        authors=("홍길동",),
        timestamp="2시간 전",
        caption="시의회 본회의장 모습. /사진=김철수 기자",
        paragraphs=(
            "시의회는 월요일 저녁 본회의를 열고 앞으로 3년 동안 도심에 총 12킬로미터의 자전거도로를 새로 만드는 계획안을 압도적인 찬성으로 통과시켰다. 사업비의 대부분은 도에서 지원받을 예정이라고 시는 설명했다. 나머지 비용은 시 예산으로 충당하게 된다.",
            "시에 따르면 첫 구간은 내년 봄까지 완공될 예정이다. 특히 역 주변의 혼잡한 도로는 매일 자전거로 출퇴근하거나 통학하는 시민들에게 오래전부터 위험한 곳으로 꼽혀 왔다고 관계자는 전했다. 그래서 공사는 이 구간부터 시작된다.",
            "야당은 사업 취지에는 공감하지만 주민들을 위한 주차 공간이 부족해질 수 있다고 우려했다. 구도심 상인들도 주로 인근 지역에서 자동차를 타고 오는 손님들이 줄어들까 걱정하고 있다고 밝혔다. 이들은 시에 공영 주차장을 늘려 달라고 요구했다.",
            "시장은 표결 이후 만족감을 나타내며 이번 결정이 지속 가능한 교통으로 가는 중요한 한 걸음이라고 말했다. 시는 여름이 오기 전에 여러 차례 주민 설명회를 열어 노선에 대한 의견을 듣기로 했다. 의견은 최종 계획에 반영된다.",
        ),
        ad="광고",
        read_also="[관련기사] 새 버스 노선, 7월부터 주택가 연결",
        share="공유하기",
        comments="댓글",
        replies=(
            "자전거사랑: 드디어 되네요! 몇 년을 기다렸는지 모릅니다.",
            "주민: 그럼 이제 주차는 어디에 하라는 건가요? 아무도 생각을 안 했네요.",
        ),
    ),
    "ja": Page(
        title="市議会、中心部に自転車道の新設を可決",
        byline="文：山田太郎",
        authors=("山田太郎",),
        timestamp="2時間前",
        caption="本会議で採決する市議会議員（写真：鈴木花子）",
        paragraphs=(
            "市議会は月曜日の夜に本会議を開き、今後三年間で中心部に合わせて十二キロメートルの自転車道を新たに整備する計画を賛成多数で可決した。事業費の大部分は県からの補助金でまかなう予定で、市は来月にも詳しい工事の日程を公表するとしている。工事中は一部の道路で車線が減るため、市は周辺の住民や道路の利用者に対して、早めの協力を呼びかけている。",
            "市によると、最初の区間は来年の春までに完成する見込みだという。特に駅の周辺の交通量が多い道路は、毎日自転車で通勤や通学をする市民にとって以前から危険な場所だと指摘されており、早急な対策を求める声が長年にわたって寄せられていた。このため、工事はまず駅の周辺から始め、その後で商店街や学校の近くへと順番に広げていく計画だという。",
            "野党は計画の趣旨には賛成する一方で、住民のための駐車場が足りなくなるおそれがあると懸念を示した。旧市街の商店主たちも、主に周辺の町から車で買い物に訪れる客が減るのではないかと心配しており、市に対して丁寧な説明を求めている。商店街の組合は近く市長と面会し、共同で使える駐車場を新しく整備するよう正式に要望する予定だという。",
            "市長は採決が終わった後、今回の決定は持続可能な交通の実現に向けた大きな一歩だと述べ、満足感を示した。市は夏までに何度か住民説明会を開き、新しい自転車道のルートについて市民から幅広く意見を聞いたうえで、最終的な計画をまとめる方針だ。説明会の日程と会場は、決まり次第、市の広報紙や公式のウェブサイトなどで知らせるということだ。",
        ),
        ad="スポンサーリンク",
        read_also="【関連記事】新しいバス路線、7月から住宅地を結ぶ",
        share="シェア",
        comments="コメント",
        replies=(
            "自転車好き：やっとですね！何年も待っていました。",
            "住民：では、これからどこに車を止めればいいのでしょうか。",
        ),
    ),
}

#: The rule each page's lines must be removed by (the byline rule is logged by the
#: metadata stage, which sends the names to `authors`; comments go with the end of the
#: article).
EXPECTED_RULES: dict[str, dict[str, str]] = {
    lang: {
        "byline": "byline-by" if lang == "en" else f"byline-{lang}",
        "timestamp": f"relative-timestamp-{lang}",
        "ad": f"advertisement-label-{lang}",
        "read_also": f"read-more-link-{lang}",
        "share": f"share-bar-{lang}",
        "comments": f"comments-heading-{lang}",
    }
    for lang in PAGES
}


def expected_removed(page: Page, lang: str) -> list[tuple[str, str]]:
    rules = EXPECTED_RULES[lang]
    return [
        (page.byline, rules["byline"]),
        (page.timestamp, rules["timestamp"]),
        (page.ad, rules["ad"]),
        (page.read_also, rules["read_also"]),
        (page.share, rules["share"]),
        (page.comments, rules["comments"]),
        (page.replies[0], "after-article-end"),
        (page.replies[1], "after-article-end"),
    ]


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_page_is_cleaned_by_its_language_pack(lang):
    page = PAGES[lang]
    article = cleannews.clean(page.text())

    assert article.language == lang
    assert article.title == page.title
    assert article.authors == page.authors
    assert article.captions == (page.caption,)
    assert article.paragraphs == page.paragraphs
    removed = sorted(article.removed, key=lambda r: r.line if r.line is not None else -1)
    assert [(r.text, r.rule) for r in removed] == expected_removed(page, lang)
    byline = next(r for r in removed if r.rule == EXPECTED_RULES[lang]["byline"])
    assert byline.field == "authors"


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_every_paragraph_is_prose_of_thirty_words_or_more(lang):
    """The synthetic pages are what the module docstring promises."""
    for paragraph in PAGES[lang].paragraphs:
        if lang == "ja":  # no spaces between words: judge by length instead
            assert len(paragraph) >= 160
        else:
            assert len(paragraph.split()) >= 30


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_each_language_pack_applies_only_to_its_language(lang):
    """The same furniture lines on an English page are not taken by the foreign pack."""
    page = PAGES[lang]
    english = (
        "The council voted on Monday night to build twelve kilometres of new cycle lanes "
        "in the city centre over the next three years, with most of the money coming from "
        "the regional government, officials said after the meeting."
    )
    text = "\n\n".join([english, page.ad, english.replace("Monday", "Tuesday"), page.share])
    article = cleannews.clean(text)
    assert article.language == "en"
    assert not any(r.rule.endswith(f"-{lang}") for r in article.removed)


@pytest.mark.parametrize(
    ("line", "prose"),
    [
        ("そんな用途を考慮してか、Kindleにはデスクトップアプリが用意されています。", True),
        ("政府は月曜日、新しい経済対策を発表し、来年の成長率の見通しを引き上げた。", True),
        ("今日のニュース", False),  # a heading
        ("経済", False),
        ("Il governo ha approvato lunedì il bilancio dopo un lungo dibattito in aula.", True),
        ("Breaking news from the region", False),
    ],
)
def test_a_chinese_or_japanese_sentence_is_prose_by_its_characters(line, prose):
    """No spaces between words: every two characters count as a word, so an ordinary
    sentence of thirty characters is a paragraph, and a heading stays a heading."""
    from cleannews.shapes import is_prose

    assert is_prose(line) is prose
