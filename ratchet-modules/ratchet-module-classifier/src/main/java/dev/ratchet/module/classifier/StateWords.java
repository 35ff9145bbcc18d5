package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An alert's state in the words of the languages most used at work, as a bot writes it in its leading tag: critical,
 * warning, alarm, error, failure, down, not responding, no data (an open); resolved, recovered, restored, fixed, back to
 * normal, responding again (a close); still active, acknowledged, escalated, raised (an update that changes no state).
 *
 * <p>Written from the languages themselves, not from any set's lines: English, the Romance languages (Spanish,
 * Portuguese, Galician, Catalan, French, Italian, Romanian), the Germanic ones (German, Dutch, Afrikaans,
 * Luxembourgish, Swedish, Norwegian, Danish, Icelandic), the Slavic ones (Polish, Czech, Slovak, Slovenian, Croatian,
 * Serbian and Bosnian in both scripts, Macedonian, Bulgarian, Russian, Ukrainian, Belarusian), the Baltic and
 * Finno-Ugric ones (Lithuanian, Latvian, Estonian, Finnish, Hungarian), Greek, Albanian, Maltese, the Celtic ones
 * (Welsh, Irish, Scottish Gaelic, Breton), te reo Maori, Samoan, Basque, Turkish, Azerbaijani, Kazakh, Uzbek, Tajik, Georgian, Armenian, Arabic,
 * Hebrew, Persian, Urdu, Hindi, Bengali, Marathi, Tamil, Telugu, Thai, Vietnamese, Indonesian and Malay, Tagalog,
 * Swahili, isiZulu, Chinese, Japanese and Korean. A word people use in passing for something else is left out when it is short
 * and common (Tagalog "mali", wrong; Swahili "sawa", fine; Welsh "iawn", very): the tag position makes the rest safe.
 *
 * <p>Looked up whole (one phrase of up to five words), accents and case ignored, apostrophes unified.
 */
final class StateWords {

    private StateWords() {}

    private static final Pattern ACCENTS = Pattern.compile("[\\x{0300}-\\x{036F}]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0]+");

    private static final String OPEN = String.join(
            "|",
            // Spanish
            "CRITICO|CRITICA|ADVERTENCIA|AVISO|ALERTA|FALLO|FALLA|CAIDO|CAIDA|SIN RESPUESTA|NO RESPONDE|SIN DATOS"
                    + "|SIN CONEXION|SIN SEÑAL|INACCESIBLE|FUERA DE LINEA|FUERA DE SERVICIO|AVERIA|EMERGENCIA",
            // Portuguese
            "ERRO|FALHA|FORA DO AR|SEM RESPOSTA|NAO RESPONDE|SEM DADOS|SEM SINAL|SEM CONEXAO|INDISPONIVEL|ATENCAO|ALARME"
                    + "|INACESSIVEL|AVARIA",
            // Galician
            "SEN RESPOSTA|NON RESPONDE|SEN DATOS|SEN SINAL|SEN CONEXION|CAIDO|INACCESIBLE|ALARMA",
            // Catalan
            "CRITIC|AVIS|ALERTA|FALLADA|ERROR|CAIGUT|SENSE RESPOSTA|NO RESPON|SENSE DADES|INACCESSIBLE|AVARIA",
            // French
            "CRITIQUE|AVERTISSEMENT|ALERTE|ERREUR|ECHEC|PANNE|HORS LIGNE|HORS SERVICE|INJOIGNABLE|NE REPOND PAS"
                    + "|AUCUNE REPONSE|PAS DE REPONSE|PAS DE DONNEES|INDISPONIBLE|DEFAILLANCE|URGENCE",
            // Italian
            "CRITICO|CRITICA|AVVISO|AVVERTIMENTO|ATTENZIONE|ALLARME|ALLERTA|ERRORE|GUASTO|NON RISPONDE|NESSUNA RISPOSTA"
                    + "|IRRAGGIUNGIBILE|FUORI SERVIZIO|NON DISPONIBILE|NESSUN DATO|AVARIA|FALLITO|FALLITA",
            // Romanian
            "CRITIC|AVERTIZARE|ALERTA|EROARE|ESEC|DEFECTIUNE|CAZUT|INACCESIBIL|NU RASPUNDE|FARA RASPUNS|INDISPONIBIL"
                    + "|FARA DATE|ALARMA",
            // German, Luxembourgish
            "KRITISCH|KRITESCH|WARNUNG|ALARM|FEHLER|STORUNG|AUSFALL|AUSGEFALLEN|NICHT ERREICHBAR|KEINE ANTWORT"
                    + "|ANTWORTET NICHT|KEINE DATEN|NOTFALL|FEHLGESCHLAGEN"
                    + "|FEELER|FEELT|STEIERUNG|REAGEIERT NET|NET ERREECHBAR|KENG ANTWERT|KENG DATEN|NET GELAF"
                    + "|FEHLGESCHLOEN|NOUTFALL",
            // Dutch, Afrikaans
            "KRITIEK|KRITIES|WAARSCHUWING|FOUT|STORING|UITGEVALLEN|ONBEREIKBAAR|GEEN ANTWOORD|REAGEERT NIET"
                    + "|GEEN DATA|MISLUKT|ONDERBREKING|REAGEER NIE|NIE BEREIKBAAR NIE",
            // Swedish, Norwegian, Danish, Icelandic
            "KRITISK|VARNING|LARM|FEL|NERE|SVARAR INTE|OTILLGANGLIG|MISSLYCKADES|ADVARSEL|VARSEL|FEIL|NEDE|SVARER IKKE"
                    + "|UTILGJENGELIG|FEILET|FEJL|UTILGÆNGELIG|UTILGAENGELIG|FEJLET|ALVARLEGT|VIÐVORUN|VIDVORUN|VILLA|BILUN"
                    + "|NIÐRI|SVARAR EKKI|INGEN SVAR|INGET SVAR",
            // Polish
            "KRYTYCZNY|KRYTYCZNE|KRYTYCZNA|OSTRZEZENIE|BLAD|AWARIA|NIEDOSTEPNY|NIEDOSTEPNE|BRAK ODPOWIEDZI"
                    + "|NIE ODPOWIADA|BRAK DANYCH|BRAK SYGNALU|USTERKA|ALARM",
            // Czech, Slovak
            "KRITICKE|KRITICKY|KRITICKA|VAROVANI|UPOZORNENI|CHYBA|PORUCHA|VYPADEK|NEDOSTUPNY|NEDOSTUPNE|NEODPOVIDA"
                    + "|BEZ ODEZVY|VAROVANIE|UPOZORNENIE|VYPADOK|NEODPOVEDA|HAVARIE|SELHALO",
            // Slovenian, Croatian, Serbian, Bosnian (Latin)
            "KRITICNO|OPOZORILO|NAPAKA|OKVARA|IZPAD|NEDOSEGLJIV|NE ODGOVARJA|UPOZORENJE|GRESKA|KVAR|NEDOSTUPAN"
                    + "|NE ODGOVARA|ISPAD|PAO|NEDOSTUPNO|NEMA ODGOVORA|UZBUNA",
            // Serbian, Macedonian, Bulgarian, Russian, Ukrainian, Belarusian (Cyrillic)
            "КРИТИЧНО|КРИТИЧЕН|КРИТИЧНА|УПОЗОРЕЊЕ|ГРЕШКА|КВАР|НЕДОСТУПАН|НЕ ОДГОВАРА|НЕМА ОДГОВОРА|УЗБУНА"
                    + "|ПРЕДУПРЕДУВАЊЕ|ДЕФЕКТ|НЕДОСТАПЕН|НЕДОСТАПНО|ПАДНАТ|ПАДНАТО|ТРЕВОГА|АЛАРМ|ОТКАЗ|НЕМА ПОДАТОЦИ"
                    + "|ПРЕДУПРЕЖДЕНИЕ|АВАРИЯ|НЕДОСТЪПЕН|НЕ ОТГОВАРЯ|СРИВ|ГРЕШКА|НЯМА ОТГОВОР"
                    + "|КРИТИЧЕСКИЙ|КРИТИЧЕСКАЯ|КРИТИЧЕСКОЕ|ОШИБКА|СБОЙ|НЕДОСТУПЕН|НЕДОСТУПНО|НЕ ОТВЕЧАЕТ|НЕТ ОТВЕТА"
                    + "|НЕТ ДАННЫХ|УПАЛ|ОТКАЗ|ПОПЕРЕДЖЕННЯ|ПОМИЛКА|АВАРІЯ|ЗБІЙ|ТРИВОГА|НЕДОСТУПНИЙ|НЕ ВІДПОВІДАЄ"
                    + "|НЕМАЄ ВІДПОВІДІ|НЕМАЄ ДАНИХ|КРИТИЧНИЙ|КРЫТЫЧНА|ПАПЯРЭДЖАННЕ|ПАМЫЛКА|АВАРЫЯ|НЕ АДКАЗВАЕ",
            // Lithuanian, Latvian, Estonian, Finnish, Hungarian
            "KRITINIS|KRITINE|ISPEJIMAS|PAVOJUS|KLAIDA|GEDIMAS|NEATSAKO|NEPASIEKIAMAS|KRITISKS|BRIDINAJUMS|TRAUKSME"
                    + "|KLUDA|KLUME|NEATBILD|NAV PIEEJAMS|KRIITILINE|HOIATUS|HAIRE|VIGA|RIKE|EI VASTA|KATTESAAMATU"
                    + "|KRIITTINEN|VAROITUS|HALYTYS|VIRHE|VIKA|ALHAALLA|EI VASTAA|TAVOITTAMATTOMISSA|KRITIKUS"
                    + "|FIGYELMEZTETES|RIASZTAS|HIBA|LEALLT|ELERHETETLEN|NEM VALASZOL|NINCS VALASZ|NINCS ADAT",
            // Greek
            "ΚΡΙΣΙΜΟ|ΚΡΙΣΙΜΗ|ΠΡΟΕΙΔΟΠΟΙΗΣΗ|ΣΦΑΛΜΑ|ΒΛΑΒΗ|ΣΥΝΑΓΕΡΜΟΣ|ΕΚΤΟΣ ΛΕΙΤΟΥΡΓΙΑΣ|ΔΕΝ ΑΠΟΚΡΙΝΕΤΑΙ"
                    + "|ΧΩΡΙΣ ΑΠΟΚΡΙΣΗ|ΜΗ ΔΙΑΘΕΣΙΜΟ|ΑΠΟΤΥΧΙΑ|ΠΤΩΣΗ|ΧΩΡΙΣ ΔΕΔΟΜΕΝΑ|ΣΥΝΑΓΕΡΜΟΣ",
            // Albanian, Maltese
            "KRITIK|KRITIKE|PARALAJMERIM|GABIM|DESHTIM|DEFEKT|NUK PERGJIGJET|PA PERGJIGJE|JASHTE FUNKSIONIT|ALARM"
                    + "|KRITIKU|KRITIKA|TWISSIJA|ALLARM|ZBALL|FALLIMENT|HSARA|WAQGHET|MA JWEGIBX|MA JWIEGIBX|MA HEMMX TWEGIBA"
                    + "|BLA TWEGIBA|MHUX DISPONIBBLI|EMERGENZA|PERIKOLU",
            // Welsh, Irish, Scottish Gaelic, Breton
            "CRITIGOL|RHYBUDD|GWALL|NAM|METHIANT|WEDI METHU|I LAWR|DIM YMATEB|DDIM YN YMATEB|ANHYGYRCH|ARGYFWNG"
                    + "|DIM DATA|DIM SIGNAL|CRITICIUIL|RABHADH|FOLAIREAMH|EARRAID|TEIP|LOCHT|THIOS|GAN FREAGRA"
                    + "|NIL FREAGRA|AS LINE|EIGEANDAIL|DOCHORAITHE|NIL AR FAIL|GAN SONRAI|CUNNARTACH|RABHADH|MEARACHD"
                    + "|FAILLIGEZH|DIWALL|FAZI|KUDENN",
            // Basque
            "KRITIKOA|ABISUA|OHARRA|ERROREA|AKATSA|HUTSEGITEA|EZ DU ERANTZUTEN|ERANTZUNIK EZ|ERORITA|ALARMA",
            // Turkish, Azerbaijani, Kazakh, Uzbek
            "KRITIK|UYARI|ALARM|HATA|ARIZA|COKTU|YANIT YOK|YANIT VERMIYOR|ERISILEMIYOR|BASARISIZ|VERI YOK"
                    + "|XƏBƏRDARLIQ|XEBERDARLIQ|HƏYƏCAN|HEYECAN|XƏTA|XETA|NASAZLIQ|IMTINA|CAVAB YOXDUR|CAVAB VERMIR"
                    + "|ƏLCATMAZ|ELCATMAZ|UGURSUZ|MƏLUMAT YOXDUR|QƏZA|QEZA"
                    + "|СЫНИ|КРИТИКАЛЫҚ|СӘТСІЗ|ІСКЕ ҚОСЫЛМАДЫ|ДЕРЕКТЕР ЖОҚ|ЕСКЕРТУ|ҚАТЕ|АПАТ|ЖАУАП ЖОҚ|ЖАУАП БЕРМЕЙДІ|ҚОЛЖЕТІМСІЗ|АҚАУ"
                    + "|OGOHLANTIRISH|XATO|NOSOZLIK|JAVOB YOQ|JAVOB BERMAYAPTI|OGOHLANTIRISH"
                    + "|JIDDIY|XAVFLI|XATOLIK|NOSOZ|ISHLAMAYAPTI|ISHLAMAYDI|ISHGA TUSHMADI|JAVOB YO'Q|MA'LUMOT YO'Q"
                    + "|SIGNAL YO'Q|ALOQA YO'Q|MUVAFFAQIYATSIZ|FAVQULODDA|TO'XTADI|O'CHDI",
            // Georgian, Armenian
            "კრიტიკული|გაფრთხილება|შეცდომა|განგაში|ავარია|არ პასუხობს|პასუხი არ არის|მიუწვდომელი|გათიშულია"
                    + "|გაუმართაობა|ხარვეზი|მონაცემები არ არის|ყურადღება"
                    + "|ԿՐԻՏԻԿԱԿԱՆ|ԶԳՈՒՇԱՑՈՒՄ|ՍԽԱԼ|ՏԱԳՆԱՊ|ՎԹԱՐ|ԱՆՍԱՐՔՈՒԹՅՈՒՆ|ՉԻ ՊԱՏԱՍԽԱՆՈՒՄ|ԱՆՀԱՍԱՆԵԼԻ"
                    + "|ՁԱԽՈՂՎԱԾ|ՁԱԽՈՂՎԵՑ|ՉԻ ԳՈՐԾԱՐԿՎԵԼ|ՏՎՅԱԼՆԵՐ ՉԿԱՆ",
            // te reo Maori
            "HE RARU NUI|HE RARU|WHAKATUPATO|KAORE E WHAKAUTU|KAORE I TE WHAKAUTU|I HINGA|KUA HINGA|KAORE I OMA"
                    + "|KAORE HE RARAUNGA",
            // Tajik, Samoan, isiZulu
            "ВАЗНИН|ОГОҲӢ|ХАТО|ХАТОГӢ|НОКОМ|НОКОМӢ|ҶАВОБ НАМЕДИҲАД|ДАСТНОРАС|ОҒОЗ НАШУД|МАЪЛУМОТ НЕСТ|ТАЪЙИНОТ НЕСТ|КУШОДА"
                    + "|MATAUTIA|LAPATAIGA|LE TALI MAI|LE MANUIA|LE'I AMATA|LEʻI AMATA|UA TŪ|UA PE"
                    + "|KUBUCAYI|ISEXWAYISO|AYIPHENDULI|KUHLULEKILE|IPHUTHA|KUVULIWE|AKUQALANGA|AKUKHO DATHA",
            // Arabic, Hebrew, Persian, Urdu
            "حرج|حرجة|تحذير|تنبيه|إنذار|انذار|خطأ|خطا|عطل|فشل|متوقف|لا يستجيب|لا استجابة|غير متاح|معطل|طارئ"
                    + "|קריטי|אזהרה|התראה|שגיאה|תקלה|נפל|לא מגיב|אין תגובה|לא זמין|כשל|חירום"
                    + "|بحرانی|هشدار|خطا|خرابی|قطع|از کار افتاده|پاسخ نمی دهد|در دسترس نیست|اضطراری"
                    + "|انتباہ|خرابی|غلطی|ناکام|جواب نہیں"
                    + "|سنگین|شدید|ناکامی|جواب نہیں دے رہا|جواب نہیں دے رہی|رابطہ نہیں|ڈیٹا نہیں|نہیں چلا|ہنگامی",
            // Hindi, Marathi, Bengali, Tamil, Telugu
            "गंभीर|चेतावनी|त्रुटि|खराबी|विफल|डाउन|जवाब नहीं|प्रतिक्रिया नहीं|अनुपलब्ध|अलर्ट|आपातकाल"
                    + "|इशारा|त्रुटी|अयशस्वी|बंद"
                    + "|গুরুতর|সতর্কতা|ত্রুটি|ব্যর্থ|সাড়া নেই|বন্ধ|বিপদ"
                    + "|முக்கியமான|எச்சரிக்கை|பிழை|தோல்வி|செயலிழப்பு"
                    + "|క్లిష్టమైన|హెచ్చరిక|లోపం|విఫలం",
            // Thai, Vietnamese, Indonesian and Malay, Tagalog, Swahili
            "วิกฤต|คำเตือน|เตือน|ข้อผิดพลาด|ล้มเหลว|ล่ม|ไม่ตอบสนอง|ขัดข้อง"
                    + "|NGHIEM TRONG|CANH BAO|LOI|SU CO|KHONG PHAN HOI|MAT KET NOI|NGUNG HOAT DONG"
                    + "|KRITIS|KRITIKAL|PERINGATAN|AMARAN|GALAT|RALAT|GAGAL|GANGGUAN|TIDAK MERESPONS|TIDAK MERESPON"
                    + "|TIADA RESPONS|TIDAK DAPAT DIHUBUNGI|TIDAK ADA DATA|DARURAT|MATI"
                    + "|BABALA|SIRA|PALYA|BAGSAK|HINDI SUMASAGOT|WALANG SAGOT|HINDI MAABOT|WALANG DATA|PUMALYA|NABIGO"
                    + "|HATARI|ONYO|TAHADHARI|HITILAFU|IMESHINDWA|HAIJIBU|HAIPATIKANI|DHARURA",
            // Chinese, Japanese, Korean
            "严重|嚴重|告警|警告|错误|錯誤|故障|失败|失敗|宕机|无响应|無回應|不可达|紧急|緊急|异常|異常|障害|エラー|応答なし|ダウン"
                    + "|심각|위험|경고|주의|오류|에러|장애|실패|응답 없음|다운|긴급");

    private static final String CLOSE = String.join(
            "|",
            // Spanish, Galician, Portuguese, Catalan
            "RESUELTO|RESUELTA|RECUPERADO|RECUPERADA|RESTABLECIDO|RESTABLECIDA|NORMALIZADO|NORMALIZADA|SOLUCIONADO"
                    + "|SOLUCIONADA|RESPONDE DE NUEVO|VUELVE A RESPONDER|EN LINEA DE NUEVO|OPERATIVO DE NUEVO"
                    + "|RESOLTO|RESOLTA|RESPONDE DE NOVO|VOLVE A RESPONDER|RESTABLECIDO|ARRANXADO"
                    + "|RESOLVIDO|RESOLVIDA|RESTABELECIDO|RESTABELECIDA|VOLTOU|NORMALIZOU|RESPONDE NOVAMENTE"
                    + "|RESOLT|RESOLTA|RECUPERAT|RESTABLERT|NORMALITZAT|RESPON DE NOU",
            // French, Italian, Romanian
            "RESOLU|RESOLUE|RETABLI|RETABLIE|RECUPERE|REPOND A NOUVEAU|DE RETOUR|EN LIGNE|REPARE"
                    + "|RISOLTO|RISOLTA|RIPRISTINATO|RIPRISTINATA|RECUPERATO|RIENTRATO|RIENTRATA|NORMALE|RISPONDE DI NUOVO"
                    + "|DI NUOVO ONLINE|REZOLVAT|REZOLVATA|RECUPERAT|RESTABILIT|REMEDIAT|RASPUNDE DIN NOU",
            // German, Dutch, Afrikaans, Nordic
            "BEHOBEN|WIEDERHERGESTELLT|ERHOLT|GELOST|WIEDER ERREICHBAR|WIEDER OK|ANTWORTET WIEDER|ENTWARNUNG"
                    + "|OPGELOST|HERSTELD|NORMAAL|WEER BEREIKBAAR|REAGEERT WEER|OPGELOS|HERSTEL"
                    + "|ATERSTALLD|ATERSTALLT|ATGARDAD|ATGARDAT|SVARAR IGEN|UPPE|GJENOPPRETTET|NORMALISERT"
                    + "|SVARER IGJEN|OPPE|GENOPRETTET|SVARER IGEN|LEYST|ENDURHEIMT|I LAGI"
                    // Luxembourgish
                    + "|EREM OK|BEHUEWEN|GELEIST|REAGEIERT EREM|EREM ERREECHBAR|EREM DO|EREM NORMAL|ZOUGEMAACH",
            // Polish, Czech, Slovak, Slovenian, Croatian, Serbian (Latin)
            "ROZWIAZANY|ROZWIAZANE|ROZWIAZANO|NAPRAWIONO|PRZYWROCONO|PRZYWROCONY|ODPOWIADA PONOWNIE|W NORMIE"
                    + "|VYRESENO|OBNOVENO|V PORADKU|ODPOVIDA|VYRIESENE|OBNOVENE|V PORIADKU|ODPRAVLJENO|OBNOVLJENO"
                    + "|RESENO|V REDU|RIJESENO|OPORAVLJENO|U REDU|ISPRAVLJENO|PONOVO DOSTUPAN|PONOVNO DOSEGLJIV",
            // Cyrillic
            "РЕШЕНО|ОПОРАВЉЕНО|У РЕДУ|ПОНОВО ДОСТУПАН|ВОСПОСТАВЕНО|ОБНОВЕНО|ВО РЕД|НОРМАЛНО|ПОВТОРНО ОДГОВАРА"
                    + "|РЕШЕН|РЕШЕНА|ОТСТРАНЕТО|ВЪЗСТАНОВЕНО|ОТНОВО ОТГОВАРЯ|ВОССТАНОВЛЕНО|УСТРАНЕНО|НОРМА|В НОРМЕ"
                    + "|СНОВА ОТВЕЧАЕТ|СНОВА ДОСТУПЕН|ВІДНОВЛЕНО|ВИРІШЕНО|УСУНЕНО|У НОРМІ|ЗНОВУ ВІДПОВІДАЄ|АДНОЎЛЕНА"
                    + "|ВЫРАШАНА",
            // Baltic, Finnish, Estonian, Hungarian
            "ISSPRESTA|ATKURTA|PASALINTA|TVARKOJE|ATRISINATS|ATJAUNOTS|NOVERSTS|KARTIBA|LAHENDATUD|TAASTATUD"
                    + "|KORRAS|PARANDATUD|KORJATTU|PALAUTUNUT|RATKAISTU|NORMAALI|VASTAA TAAS|MEGOLDVA|MEGOLDODOTT"
                    + "|HELYREALLT|RENDBEN|HELYREALLITVA|UJRA VALASZOL|UJRA ELERHETO",
            // Greek, Albanian, Maltese
            "ΕΠΙΛΥΘΗΚΕ|ΑΠΟΚΑΤΑΣΤΑΘΗΚΕ|ΑΝΑΚΑΜΨΗ|ΚΑΝΟΝΙΚΟ|ΟΚ|ΛΥΘΗΚΕ|ΞΑΝΑ ΔΙΑΘΕΣΙΜΟ"
                    + "|ZGJIDHUR|U ZGJIDH|U MBYLL|PERGJIGJET PERSERI|RIKTHYER|RIKUPERUAR|NE RREGULL|U RIKTHYE"
                    + "|SOLVUT|SOLVUTA|IRRANGAT|IRRANGATA|IRKUPRAT|IRKUPRATA|RESTAWRAT|NORMALI|REGGHET|REGGHA"
                    + "|JWIEGEB MILL-GDID|TERGA JWIEGEB|LURA ONLINE|LURA NORMALI",
            // Welsh, Irish, Gaelic, Breton, Basque
            "WEDI'I ADFER|WEDI ADFER|ADFERWYD|WEDI'I DATRYS|WEDI DATRYS|DATRYSWYD|WEDI'I DRWSIO|YN OL|YN OL ETO"
                    + "|YN YMATEB ETO|YN ATEB ETO|YN ARFEROL|AR-LEIN ETO"
                    + "|REITITHE|AISGHAFA|ATHBHUNAITHE|CEART ARIS|AR AIS|AG FREAGAIRT ARIS|AR AIS AR LINE|SOCRAITHE"
                    + "|CEARTAITHE|AG OBAIR ARIS|FUASGLADH|AIR A REITEACHADH|DISKOULMET|ADSAVET"
                    + "|KONPONDUTA|EBATZITA|BERRESKURATUTA|NORMALA|BERRIRO ERANTZUTEN",
            // Turkish, Azerbaijani, Kazakh, Uzbek
            "COZULDU|DUZELDI|GIDERILDI|TEKRAR YANIT VERIYOR|NORMALE DONDU|HƏLL EDILDI|HELL EDILDI|HƏLL OLUNDU|HELL OLUNDU"
                    + "|BƏRPA OLUNDU"
                    + "|BERPA OLUNDU|BƏRPA EDILDI|BERPA EDILDI|QAYDASINDADIR|QAYDASINDA|YENIDƏN CAVAB VERIR"
                    + "|YENIDEN CAVAB VERIR|DUZƏLDI|ШЕШІЛДІ|ҚАЙТА ЖАУАП БЕРЕДІ|ЖАБЫЛДЫ|ҚАЛПЫНА КЕЛДІ|ҚАЛПЫНА КЕЛТІРІЛДІ|HAL QILINDI|TIKLANDI"
                    + "|HAL BO'LDI|BARTARAF ETILDI|ME'YORDA|ME'YORGA QAYTDI|YANA JAVOB BERYAPTI|QAYTA JAVOB BERYAPTI"
                    + "|YANA ISHLAYAPTI|TUZALDI",
            // Georgian, Armenian
            "გადაწყდა|აღდგა|აღდგენილია|ნორმაშია|მოგვარდა|ისევ პასუხობს|გამოსწორდა|ნორმალურია"
                    + "|ԼՈՒԾՎԱԾ|ԼՈՒԾՎԵԼ Է|ՎԵՐԱԿԱՆԳՆՎԱԾ|ՎԵՐԱԿԱՆԳՆՎԵԼ Է|ՆՈՐՄԱԼ"
                    + "|ԼՈՒԾՎԱԾ Է|ԿՐԿԻՆ ՊԱՏԱՍԽԱՆՈՒՄ Է|ՓԱԿՎԱԾ|ՓԱԿՎԵՑ|ՀԱՋՈՂ",
            // Tajik, Samoan, isiZulu; a run's success ("МУВАФФАҚ", "MANUIA") closes only what failed before it
            "ҲАЛ ШУД|ДУБОРА ҶАВОБ МЕДИҲАД|ПЎШИДА|ПӮШИДА|ПЎШИДА ХУДКОР|ПӮШИДА ХУДКОР|БАРҚАРОР ШУД|МУВАФФАҚ|МУҚАРРАРӢ|СӘТТІ"
                    + "|UA LELEI|UA TOE LELEI|UA TALI MAI FO'I|UA TALI MAI FOʻI|UA TĀPUNIA|UA TAPUNIA|UA FO'IA|MANUIA"
                    + "|SEKULUNGILE|IYAPHENDULA FUTHI|KUVALIWE|KUVALIWE NGOKUZENZAKALELAYO|KUBUYISELWE|KUPHUMELELE",
            // te reo Maori
            "KUA PAI ANO|KUA WHAKAUTU ANO|KUA HOKI MAI|KUA OTI TE WHAKATIKA",
            // Arabic, Hebrew, Persian, Urdu
            "تم الحل|تم الإصلاح|تم الاصلاح|تمت الاستعادة|عاد للعمل|طبيعي|تعافى|تم التعافي|عادت|عاد"
                    + "|נפתר|תוקן|שוחזר|חזר לפעול|תקין|חזר לתקינות|התאושש"
                    + "|حل شد|برطرف شد|بازیابی شد|عادی|رفع شد|بحال|ٹھیک ہو گیا"
                    + "|بحال ہو گیا|حل ہو گیا|دوبارہ جواب دے رہا ہے|دوبارہ جواب دے رہی ہے|معمول پر|معمول",
            // Indic, Thai, Vietnamese
            "हल|हल हो गया|ठीक|ठीक हो गया|बहाल|सामान्य|पुनर्प्राप्त|निराकरण|पूर्ववत"
                    + "|সমাধান|সমাধান হয়েছে|পুনরুদ্ধার|স্বাভাবিক|தீர்க்கப்பட்டது|மீட்கப்பட்டது|సరిచేయబడింది|పునరుద్ధరించబడింది"
                    + "|แก้ไขแล้ว|กลับมาปกติ|ปกติ|กู้คืนแล้ว"
                    + "|DA KHOI PHUC|KHOI PHUC|DA GIAI QUYET|BINH THUONG|DA XU LY|HOAT DONG LAI",
            // Indonesian, Malay, Tagalog, Swahili
            "PULIH|TERATASI|KEMBALI NORMAL|DIPULIHKAN|SUDAH NORMAL|NORMAL KEMBALI|DISELESAIKAN"
                    + "|AYOS NA|NAAYOS NA|NAAYOS|NALUTAS|NALUTAS NA|BUMALIK NA|SUMASAGOT NA ULIT|SUMASAGOT NA"
                    + "|GUMAGANA NA|GUMAGANA NA ULIT|OK NA|NORMAL NA|BALIK NA"
                    + "|IMETATULIWA|IMERUDI|IMERUDISHWA|IMEREKEBISHWA",
            // Chinese, Japanese, Korean
            "已恢复|已恢復|已解决|已解決|恢复|恢復|正常|復旧|回復|解消|복구|복구됨|해결|해결됨|정상");

    private static final String UPDATE = String.join(
            "|",
            "STILL ACTIVE|STILL FIRING|STILL DOWN|STILL FAILING|ACKNOWLEDGED|ACKED|ESCALATED|REMINDER|ONGOING|RE-NOTIFY",
            "AUN ACTIVO|AUN ACTIVA|TODAVIA ACTIVO|TODAVIA ACTIVA|SIGUE ACTIVO|SIGUE ACTIVA|RECONOCIDO|ESCALADO|RECORDATORIO"
                    + "|AINDA ACTIVO|AINDA ACTIVA|SEGUE ACTIVO|AINDA ATIVO|AINDA ATIVA|CONTINUA ATIVO|RECONHECIDO|LEMBRETE"
                    + "|ENCARA ACTIU|ENCARA ACTIVA|RECORDATORI",
            "TOUJOURS ACTIF|TOUJOURS ACTIVE|ENCORE ACTIF|ACQUITTE|PRIS EN COMPTE|RAPPEL|ESCALADE"
                    + "|ANCORA ATTIVO|ANCORA ATTIVA|PRESO IN CARICO|PROMEMORIA|INCA ACTIV|INCA ACTIVA|CONFIRMAT",
            "NOCH AKTIV|WEITERHIN AKTIV|BESTATIGT|QUITTIERT|ESKALIERT|ERINNERUNG|NOG ACTIEF|BEVESTIGD|GEESCALEERD"
                    + "|HERINNERING|NOG STEEDS ACTIEF|STEEDS AKTIEF|FORTFARANDE AKTIV|KVITTERAD|FORTSATT AKTIV|KVITTERT"
                    + "|STADIG AKTIV|KVITTERET|PAMINNELSE|PAMINNING|ENN VIRKT",
            "NADAL AKTYWNY|NADAL AKTYWNE|POTWIERDZONO|ESKALOWANO|PRZYPOMNIENIE|STALE AKTIVNI|POTVRZENO|ESKALOVANO"
                    + "|STALE AKTIVNE|POTVRDENE|SE VEDNO AKTIVNO|POTRJENO|JOS UVIJEK AKTIVNO|JOS AKTIVNO|POTVRDJENO"
                    + "|ЈОШ УВЕК АКТИВНО|ПОТВРЂЕНО|СЀ УШТЕ АКТИВНО|СЕ УШТЕ АКТИВНО|СЀ УШТЕ АКТИВЕН|СЕ УШТЕ АКТИВЕН|ПОТВРДЕНО"
                    + "|ЕСКАЛИРАНО|ВСЕ ОЩЕ АКТИВНО|ПОТВЪРДЕНО|ВСЕ ЕЩЕ АКТИВНО|ПО-ПРЕЖНЕМУ АКТИВНО|ПОДТВЕРЖДЕНО"
                    + "|ЭСКАЛИРОВАНО|НАПОМИНАНИЕ|ДОСІ АКТИВНО|ВСЕ ЩЕ АКТИВНО|ПІДТВЕРДЖЕНО|НАГАДУВАННЯ",
            "VIS DAR AKTYVUS|VEL AKTIVS|ENDISELT AKTIIVNE|EDELLEEN AKTIIVINEN|KUITATTU|MUISTUTUS|MEG AKTIV|TOVABBRA IS AKTIV"
                    + "|NYUGTAZVA|EMLEKEZTETO|ΑΚΟΜΑ ΕΝΕΡΓΟ|ΕΞΑΚΟΛΟΥΘΕΙ|ΕΠΙΒΕΒΑΙΩΘΗΚΕ|ΥΠΕΝΘΥΜΙΣΗ|ENDE AKTIV"
                    + "|GHADU ATTIV|ENDE AKTIVE|GHADHA ATTIVA|GHADU MHUX SOLVUT|KKONFERMAT|FAKKAR",
            "DAL YN WEITHREDOL|YN DAL YN WEITHREDOL|DAL YN FYW|WEDI'I GYDNABOD|NODYN ATGOFFA|WEDI UWCHGYFEIRIO"
                    + "|FOS GNIOMHACH|FOS AR SIUL|ADMHAITHE|MEABHRUCHAN|ARDAITHE|FOS BEO|OPAROAN AKTIBO",
            "HALA AKTIF|HALEN AKTIF|ONAYLANDI|HATIRLATMA|HƏLƏ AKTIVDIR|HELE AKTIVDIR|HƏLƏ DƏ AKTIVDIR|HELE DE AKTIVDIR"
                    + "|TƏSDIQLƏNDI|TESDIQLENDI|XATIRLATMA|ӘЛІ БЕЛСЕНДІ|HALI FAOL"
                    + "|HALI HAM FAOL|HALI HAM|TASDIQLANDI|ESLATMA|EMMER NACH AKTIV|NACH EMMER AKTIV|EMMER NACH"
                    + "|BESTATEGT|ESKALEIERT|ERENNERUNG|ابھی تک جاری|اب بھی جاری|تصدیق شدہ|یاد دہانی",
            "კვლავ აქტიურია|ჯერ კიდევ აქტიურია|ისევ აქტიურია|დადასტურებულია|შეხსენება|ԴԵՌ ԱԿՏԻՎ Է|ՀԱՍՏԱՏՎԱԾ",
            // Tajik, Samoan, isiZulu
            "ҲАНӮЗ ФАЪОЛ|ЁДРАСОНӢ|ҚАБУЛ ШУД|БОЛО БУРДА ШУД|O LO'O TUMAU|UA TALIA|FA'AMANATU|UA SIITIA|KUSAQHUBEKA"
                    + "|KUTHATHWE|KUDLULISELWE PHEZULU|ISIKHUMBUZO|KUSAVULIWE",
            // te reo Maori
            "TONU TE RARU|KEI TE RARU TONU|KUA WHAKAAETIA|WHAKAMAHARA",
            "لا يزال نشطا|ما زال نشطا|لا يزال نشطًا|تم الإقرار|تم التصعيد|تذكير|עדיין פעיל|אושר|הוסלם|תזכורת"
                    + "|هنوز فعال|تایید شد|یادآوری",
            "अभी भी सक्रिय|स्वीकृत|अनुस्मारक|এখনও সক্রিয়|ยังคงทำงาน|ยังไม่หาย|VAN DANG|VAN CON|MASIH AKTIF|DIAKUI|PENGINGAT"
                    + "|TULOY PA RIN|AKTIBO PA RIN|NA-ESCALATE|PAALALA|BADO INAENDELEA|仍然|仍在|継続中|まだ|여전히",
            // still, alone: what a title adds when nothing changed ("backlog tumataas pa rin")
            "STILL|PA RIN|PA DIN|AINDA|AUN|TODAVIA|TOUJOURS|ENCORE|ANCORA|NOCH|IMMER NOCH|NOG STEEDS|NOG|FORTSATT"
                    + "|FORTFARANDE|STADIG|FREMDELES|NADAL|WCIAZ|JOS|JOS UVIJEK|ВСЕ ЕЩЕ|ВСЁ ЕЩЁ|ДОСІ|ВСЕ ЩЕ"
                    + "|HALA|HALEN|MASIH|DAL|YN DAL|FOS|GHADU|GHADHA|ΑΚΟΜΑ|EDELLEEN|YHA|MEG MINDIG|INCA|HƏLƏ|HELE|ჯერ კიდევ"
                    + "|עדיין|لا يزال|ما زال|هنوز|अभी भी|ยังคง|VAN|BADO|依然|仍|まだ|여전히");

    private static final Map<String, Action> WORDS = new HashMap<>();

    static {
        put(OPEN, Action.OPEN);
        put(CLOSE, Action.CLOSE);
        put(UPDATE, Action.NONE);
    }

    private static void put(String words, Action action) {
        for (String w : words.split("\\|")) {
            String k = key(w);
            if (!k.isEmpty()) {
                WORDS.putIfAbsent(k, action);
            }
        }
    }

    /**
     * What a title says of a thing after a dash, in the same languages: too high, too low, lost, stopped, on battery (an
     * open); back, again, in range, running again (a close); still (an update). Read only in a bot's title of the shape
     * "thing — condition" ("Cámara C3 — temperatura alta", "GEN-1 — disel yn isel", "UPS-WH1 — balik sa mains").
     */
    private static final String CONDITION_OPEN = String.join(
            "|",
            "HIGH|TOO HIGH|LOW|TOO LOW|LOST|STOPPED|ON BATTERY|JAM|JAMMED|OVERHEATING|NO POWER|POWER LOSS",
            "ALTA|ALTO|ALTAS|ALTOS|BAIXA|BAIXO|BAJA|BAJO|ELEVADA|ELEVADO|PERDIDA|PERDIDO|DETIDO|DETIDA|PARADA|PARADO"
                    + "|SEN CORRENTE|SIN CORRIENTE|SEM ENERGIA|EN BATERIA|NA BATERIA|ATASCO|ENCRAVADO",
            "ELEVEE|HAUTE|BASSE|TROP HAUTE|TROP BASSE|PERDU|PERDUE|ARRETE|ARRETEE|SUR BATTERIE|ELEVATA|BASSA|PERSO|PERSA"
                    + "|FERMO|FERMA|SU BATTERIA|RIDICATA|SCAZUTA|PIERDUT",
            "HOCH|ZU HOCH|NIEDRIG|ZU NIEDRIG|VERLOREN|GESTOPPT|AUF BATTERIE|HOOG|TE HOOG|LAAG|TE LAAG|VERLOREN|GESTOPT"
                    + "|OP BATTERIJ|HOY|FOR HOY|LAV|FOR LAV|HOG|FOR HOG|LAG|FOR LAG|STOPPET|STOPPAD|PA BATTERI",
            "WYSOKA|WYSOKI|ZA WYSOKA|NISKA|NISKI|ZA NISKA|UTRACONO|ZATRZYMANA|ZATRZYMANY|NA BATERII|VYSOKA|NIZKA"
                    + "|ZTRACENO|ZASTAVENO|VISOKA|NISKA|IZGUBLJENO|ZAUSTAVLJENO|NA BATERIJI",
            "ВЫСОКАЯ|НИЗКАЯ|ПОТЕРЯН|ПОТЕРЯНО|ОСТАНОВЛЕН|НА БАТАРЕЕ|ВИСОКА|НИЗЬКА|ВТРАЧЕНО|ЗУПИНЕНО|ВИСОКА|НИСКА"
                    + "|ИЗГУБЕНО|ЗАПРЕНО|ЗАПРЕН|ΥΨΗΛΗ|ΧΑΜΗΛΗ|ΧΑΘΗΚΕ|ΣΤΑΜΑΤΗΣΕ",
            "KORKEA|MATALA|MENETETTY|PYSAHTYNYT|MAGAS|ALACSONY|ELVESZETT|LEALLT|RIDICAT|YUKSEK|DUSUK|KAYBOLDU|DURDU"
                    + "|YUKSƏK|ASAGI|AŞAĞI|ITIRILDI|DAYANDI|TINGGI|RENDAH|HILANG|BERHENTI|MATAAS|MABABA|NAWALA|NAKA-STOP"
                    + "|TUMIGIL|NAWALAN|JAM SA"
                    + "|YUQORI|JUDA YUQORI|PAST|JUDA PAST|YO'QOLDI|BATAREYADA|ZE HEICH|ZE NIDDREG|HEICH|NIDDREG|VERLUER"
                    + "|OP BATTERIE|زیادہ|بہت زیادہ|کم|بہت کم|رک گیا",
            "UCHEL|YN UCHEL|ISEL|YN ISEL|WEDI'I GOLLI|WEDI COLLI|WEDI STOPIO|AR FATRI|ARD|RO-ARD|ISEAL|CAILLTE"
                    + "|STOPTHA|GHOLJA|BAXXA|MITLUF|WAQAF|HANDIA|BAXUA|GALDUTA|GELDITUTA",
            "גבוה|נמוך|אבד|נעצר|مرتفع|مرتفعة|منخفض|منخفضة|مفقود|متوقف|بالا|پایین|高|过高|過高|低|过低|過低|丢失|停止|高温|低温"
                    + "|높음|낮음|유실|중지|მაღალი|მაღალია|დაბალი|დაბალია|მონაცემი არ მოდის|დაკარგულია|გაჩერებულია|ԲԱՐՁՐ|ՑԱԾՐ|उच्च|निम्न|कम|रुका"
                    + "|สูง|ต่ำ|หยุด",
            // Armenian, Kazakh, te reo Maori: silent, no data, rose, fell, lost
            "ԼՈՒՌ Է|ՏՎՅԱԼՆԵՐ ՉԿԱՆ|ԿԱՊ ՉԿԱ|ДЕРЕКТЕР ЖОҚ|ЖОҒАЛДЫ|ТОҚТАДЫ|KUA PIKI|KUA HEKE|NGARO|KUA NGARO|KUA MUTU"
                    + "|KAORE HE RARAUNGA"
                    // Tajik, Samoan, isiZulu: lost, stopped, silent
                    + "|ГУМ ШУД|ИСТОД|ҚАТЪ ШУД|UA TŪ|UA LEIOA|ITHULE|KULAHLEKILE");

    private static final String CONDITION_CLOSE = String.join(
            "|",
            "BACK|BACK TO NORMAL|BACK IN RANGE|IN RANGE|NORMAL|NORMAL AGAIN|RUNNING AGAIN|ONLINE AGAIN|ON MAINS|RESTORED",
            "DE VOLTA|DE VOLTA EN RANGO|DE VOLTA NO RANGO|DE VUELTA|EN RANGO|EN RANGO DE NOVO|DENTRO DO RANGO|NO INTERVALO"
                    + "|FUNCIONA DE NOVO|FUNCIONA DE NUEVO|VOLVEU|VOLVIO|VOLTOU|RESTABLECIDA|RESTABLECIDO|RESTABELECIDA"
                    + "|DE RETOUR|RETOUR A LA NORMALE|REVENU|REVENUE|DI NUOVO|TORNATO|TORNATA|RIENTRATO|RIENTRATA",
            "ZURUCK|WIEDER DA|WIEDER NORMAL|IM BEREICH|TERUG|WEER NORMAAL|TILBAKE|TILLBAKA|TILBAGE|NORMAL IGJEN"
                    + "|NORMAL IGEN|Z POWROTEM|W NORMIE|ZPET|ZPATKY|NAZAD|OPET RADI|PONOVNO DELUJE|ΠΙΣΩ|ΞΑΝΑ",
            "СНОВА|ВЕРНУЛСЯ|ВЕРНУЛАСЬ|В НОРМЕ|ЗНОВУ|ПОВЕРНУВСЯ|ОТНОВО|ПОВТОРНО|ВРАТЕНО|ВРАТЕН|ВРАТЕНА|ВРАЋЕН|ВРАЋЕНО|ТAKAISIN|TAKAISIN|UJRA|VISSZA"
                    + "|YENIDEN|TEKRAR|GERI|GERI GELDI|YENIDƏN|GERI QAYITDI|KEMBALI|KEMBALI NORMAL|NORMAL SEMULA|BALIK"
                    + "|BALIK SA MAINS|BALIK NA|NA ULIT|TUMATAKBO NA ULIT|GUMAGANA NA ULIT|MAY KURYENTE NA ULIT"
                    + "|QAYTDI|YANA|QAYTA ISHLAYAPTI|EREM|ZERECK|دوبارہ|واپس",
            "YN OL|YN OL ETO|ETO|YN OL AR|AR AIS|ARIS|LURA|MILL-GDID|ITZULI DA|BERRIRO|שוב|חזר|חזרה|عاد|عادت|مجددا"
                    + "|恢复|恢復|回復|復旧|再開|다시|복구|ისევ|კვლავ|დაბრუნდა|ՎԵՐԱԴԱՐՁԱՎ|वापस|फिर से|กลับมา"
                    + "|ԿՐԿԻՆ ԿԱՊԻ ՄԵՋ Է|ԿՐԿԻՆ|ҚАЙТА|ҚАЛПЫНА КЕЛДІ|KUA HOKI MAI|HOKI MAI|KUA PAI ANO|ANO"
                    + "|БАРГАШТ|UA TOE FO'I MAI|IBUYILE|FUTHI");

    private static final Map<String, Action> CONDITIONS = new HashMap<>();

    static {
        for (String w : CONDITION_OPEN.split("\\|")) {
            CONDITIONS.putIfAbsent(key(w), Action.OPEN);
        }
        for (String w : CONDITION_CLOSE.split("\\|")) {
            CONDITIONS.putIfAbsent(key(w), Action.CLOSE);
        }
    }

    /**
     * What a title's condition after its dash says: the longest phrase of its words that either lexicon knows, read
     * from its first words and its last ("temperatura alta", "yn ôl ar lif ymlaen", "balik sa mains"), or null. A word
     * for still makes it an update.
     */
    static Action condition(String phrase) {
        return condition(phrase, false);
    }

    /** The same, only from a phrase ending the words when {@code endOnly} ("Prif gyflenwad yn ôl — …"). */
    static Action condition(String phrase, boolean endOnly) {
        String[] words =
                key(phrase).replaceAll("[^\\p{L}\\p{M}\\p{N}' -]", " ").strip().split("\\s+");
        if (words.length == 0 || words.length > 8) {
            return null;
        }
        for (int n = Math.min(3, words.length); n >= 1; n--) {
            for (int i = 0; i + n <= words.length; i++) {
                if (WORDS.get(String.join(" ", Arrays.copyOfRange(words, i, i + n))) == Action.NONE) {
                    return Action.NONE; // still so, anywhere in it ("ALHAALLA edelleen …", "tumataas pa rin")
                }
            }
        }
        for (int n = Math.min(4, words.length); n >= 1; n--) {
            for (int i = 0; i + n <= words.length; i++) {
                if ((i != 0 && i + n != words.length && n < 2) || (endOnly && i + n != words.length)) {
                    continue; // a lone word in the middle says little ("ar lif")
                }
                String p = String.join(" ", Arrays.copyOfRange(words, i, i + n));
                Action a = WORDS.get(p);
                Action c = CONDITIONS.get(p);
                if (c != null) {
                    return c;
                }
                if (a != null) {
                    return a;
                }
            }
        }
        return null;
    }

    /**
     * Maintenance, planned work, in the same languages: a notice of it is no alert, whatever state word it carries
     * ("Rhybudd gwaith cynnal a chadw — Western Power", "Aviso de mantemento programado").
     */
    static final Pattern MAINTENANCE =
            Pattern.compile("(?iu)(?<![\\p{L}])(?:maintenance|mantenimiento|manutenção|manutencao"
                    + "|mantemento|manteniment|manutenzione|întreținere|intretinere|wartung|wartungsarbeiten|onderhoud|vedlikehold"
                    + "|underhåll|underhallsarbete|vedligeholdelse|viðhald|konserwacja|prace serwisowe|údržba|udrzba|údržb"
                    + "|održavanje|odrzavanje|vzdrževanje|одржување|поддръжка|техническое обслуживание|техобслуживание|регламентные"
                    + "|технічне обслуговування|karbantartás|karbantartas|huolto|huoltokatko|hooldus|techninė priežiūra|apkope"
                    + "|συντήρηση|συντηρηση|bakım|bakim|texniki xidmət|mirëmbajtje|mirembajtje|manutenzjoni|cynnal a chadw"
                    + "|cothabháil|cothabhail|mantentze|תחזוקה|صيانة|نگهداری|रखरखाव|রক্ষণাবেক্ষণ|பராமரிப்பு|ซ่อมบำรุง|bảo trì|bao tri"
                    + "|pemeliharaan|penyelenggaraan|pagpapanatili|matengenezo|ტექნიკური მომსახურება|სარემონტო|սպասարկում"
                    + "|メンテナンス|保守|维护|維護|점검|planned outage|geplante|gepland|planlagt|planerat|programado|programada"
                    + "|planifié|programmato|zaplanowan|plánovan|planirano|планов|заплан|ngừng có kế hoạch|yn ystod|wedi'i gynllunio"
                    + "|arfaethedig|pleanáilte|ippjanat|nakatakdang|naka-iskedyul)");

    /** A phrase as it is looked up: capitals, no Latin, Greek or Cyrillic accents, one kind of apostrophe. */
    static String key(String phrase) {
        String s = Normalizer.normalize(phrase.strip(), Normalizer.Form.NFD);
        s = ACCENTS.matcher(s).replaceAll("");
        s = s.replace('’', '\'')
                .replace('‘', '\'')
                .replace('ʼ', '\'')
                .replace('ʻ', '\'')
                .replace('ı', 'i')
                .replace('İ', 'I');
        s = s.replace("Ł", "L")
                .replace("ł", "l")
                .replace("Đ", "D")
                .replace("đ", "d")
                .replace("Ħ", "H")
                .replace("ħ", "h");
        s = s.replace("Ø", "O").replace("ø", "o").replace("\u200C", " ");
        s = SPACES.matcher(s).replaceAll(" ");
        return s.toUpperCase(Locale.ROOT);
    }

    /**
     * What an inflected word says, for languages that add a case ending to a state word ("გაფრთხილებიდან", from a
     * warning): a known word of six letters or more, less its last letter, leading the word; null when none does.
     */
    static Action inflected(String word) {
        String k = key(word);
        for (int n = k.length() - 1; n >= 5; n--) {
            String stem = k.substring(0, n);
            for (Map.Entry<String, Action> e : WORDS.entrySet()) {
                String w = e.getKey();
                if (w.length() >= 6
                        && w.indexOf(' ') < 0
                        && w.substring(0, w.length() - 1).equals(stem)) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    /** The word for an incident, as a bot numbers one ("Incident #12", "Инцидент №27", "Isigameko 31"). */
    private static final java.util.Set<String> INCIDENT = new java.util.HashSet<>(Arrays.asList(String.join(
                    "|",
                    // (not the English word: tools' own incident posts name their alert, read by their formats)
                    "INCIDENTE|INCIDENCIA|INCIDENS|INCYDENT|VORFALL|HAENDELSE|HÆNDELSE",
                    "HANDELSE|HENDELSE|ATVIK|ИНЦИДЕНТ|ІНЦИДЕНТ|ИНЦИДЕНТ|ҲОДИСА|ХОДИСА|ОҚИБА|INSIDEN|INSIDENTE|TUKIO",
                    "OLAY|HADISƏ|HADISE|ՄԻՋԱԴԵՊ|ინციდენტი|FA'ALAVELAVE|ISIGAMEKO|ISEHLAKALO|حادثه|حادثة|אירוע|సంఘటన")
            .split("\\|")));

    /** Whether a word is the word for an incident in one of the languages above, accents and case ignored. */
    static boolean incident(String word) {
        String k = key(word);
        return INCIDENT.stream().anyMatch(w -> key(w).equals(k));
    }

    /** The word for opened, created (an incident's first post): "opened", "ашылды", "kuvuliwe". */
    private static final Pattern OPENED = Pattern.compile(
            "(?iu)opened|created|declared|new|abierto|aberto|ouvert|aperto|eröffnet|geopend|otwarty|открыт\\p{L}*"
                    + "|ашылды|кушода|kuvuliwe|ua tatala|ԲԱՑՎԱԾ|ბაცვ\\p{L}*|açıldı|ochildi");

    /** Whether a phrase after an incident's number says it was opened. */
    static boolean opened(String phrase) {
        return OPENED.matcher(phrase.strip()).matches();
    }

    /** What a phrase says: open, close, none (an update), or null when it is no state word. */
    static Action of(String phrase) {
        return WORDS.get(key(phrase));
    }
}
