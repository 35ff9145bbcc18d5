package dev.ratchet.module.classifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script's or a small bot's own words, where no alerting tool wrote the message: a check in capitals and its state,
 * a measurement over its threshold, a status mark or a coloured circle leading the line, an all-clear, a job's
 * failure. One of {@link GenericRecogniser}'s positions, read after the alerting tools' own (fields, tags,
 * sentences); it fills the {@link Reading} the positions share.
 */
final class ScriptWords {

    private ScriptWords() {}

    /**
     * A check's kind and its state in capitals, as scripts write them: "DISK CRITICAL web-7:/var 97%", "PING DOWN
     * vpn-gw-2", "SYNTHETIC PASS login-flow", "CRON FAILED: rotate-logs", "backup check FAILED for pg-main".
     */
    private static final Pattern CAPS_CHECK_STATE = Pattern.compile(
            "^(?:\\[[^\\]\\n]{1,40}\\]\\s*)*"
                    + "(?<name>(?:[A-Z][A-Z0-9_-]{1,20}\\s+){1,2}|(?:[\\w-]+\\s+){1,2}(?:check|test|probe)\\s+)"
                    + "(?<state>CRITICAL|WARNING|OK|DOWN|UP|FAILED|FAIL|PASSED|PASS|STALE|RECOVERED)(?![\\p{L}\\p{N}_-])\\s*:?\\s*(?<rest>.*)$");
    /** A machine and its state in capitals after it: Slurm's "node `c-0933` DRAIN — Reason=…", "host db-2 DOWN". */
    private static final Pattern MACHINE_CAPS_STATE =
            Pattern.compile("^\\W*(?<name>(?i:node|host|server|instance|vm|machine)\\s+[`'\"]?[\\w.:/-]+[`'\"]?)\\s+"
                    + "(?<state>DRAIN(?:ED|ING)?|DOWN|FAILED|FAIL|UNREACHABLE|OFFLINE|UNHEALTHY)(?![\\p{L}\\d])");

    private static final String CLOSE_WORDS_ABROAD =
            "GJENOPPRETTET|ÅTERSTÄLLD|NORMALISERT|LØST|LÖST|DÜZELDİ|ÇÖZÜLDÜ|PULIH"
                    + "|OBNOVENO|VYŘEŠENO|KORJATTU|PALAUTUNUT|HELYREÁLLT|REZOLVAT|ВОССТАНОВЛЕНО|РЕШЕНО|УСТРАНЕНО"
                    // Swedish "restored", "fixed", "up"; Norwegian "up"; Vietnamese "(has been) restored"
                    + "|ÅTERSTÄLLT|ÅTGÄRDAT|ÅTGÄRDAD|UPPE|OPPE|ĐÃ KHÔI PHỤC|KHÔI PHỤC";
    /** A state in capitals leading with what it is about: "STALE: warehouse.orders_daily …", "PANIC ledger-writer …". */
    private static final Pattern CAPS_LEAD = Pattern.compile(
            "^\\W*(?<state>STALE|PANIC|OOM|CRASHED|UNREACHABLE|FEHLER|STÖRUNG|ALERTA|CRÍTICO|ERREUR|PANNE|ERRORE|GUASTO"
                    + "|ALLARME|ALLERTA|ALERTE|AVARIA|AWARIA|FALHA|ALARME|BŁĄD|USTERKA|"
                    + GenericWords.OPEN_WORDS_ABROAD
                    + "|(?<close>RESUELTO|RESOLUCIONADO|BEHOBEN|RÉSOLU|RISOLTO|RIENTRATO|RIENTRATA|RIPRISTINATO|RÉTABLI|RETABLI"
                    + "|NORMALIZADO|NORMALIZADA|RESOLVIDO|RESOLVIDA|RESTABELECIDO|NAPRAWIONO|PRZYWRÓCONO|"
                    + CLOSE_WORDS_ABROAD + "))(?![\\p{L}\\d])\\s*[\\]】]?\\s*[:\\-–]?\\s*(?<rest>\\S.*)$");
    /**
     * A state word of the languages above leading a headline with a colon, in any case: "Åtgärdat: gränssnittsfel …",
     * "Larm: …", "Lỗi: …".
     */
    private static final Pattern WORD_COLON_LEAD = Pattern.compile(
            "^\\W*(?<state>" + GenericWords.OPEN_WORDS_ABROAD + "|(?<close>" + CLOSE_WORDS_ABROAD
                    + "))\\s*:\\s*(?<rest>\\S.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** A Chinese or Japanese template's lead: "*告警信息*" (alert), "恢复信息" (recovered), "【障害】", "復旧". */
    private static final Pattern CJK_LEAD =
            Pattern.compile("^[\\W&&[^\\p{IsHan}\\p{IsKatakana}]]*(?:(?<close>已?恢复|已解决|復旧|解消|回復|恢復|正常化|解決|再開)"
                    + "|告警|报警|故障|障害|アラート発生|警告|異常|エラー|失敗|停止|緊急|重大|警报|错误|严重)");
    /**
     * A Japanese or Chinese script's state anywhere in its line: "未実行" (did not run), "異常終了" (ended abnormally),
     * "生存通知が 10分 ありません" (no sign of life for 10 minutes); "回復しました", "に戻りました", "正常終了" (all-clears).
     */
    private static final Pattern CJK_ANY = Pattern.compile("(?<close>回復しました|復旧しました|に戻りました|正常に戻|正常終了|正常化|で解消"
            + "|解消しました|通知\\s*再開|已恢复|恢复正常|已解决)|(?<open>未実行|異常終了|タイムアウト|失敗しました|停止しました|応答(?:なし|がありません)"
            + "|接続できません|途絶|\\d+\\s*(?:分|時間|秒)\\s*(?:以上\\s*)?(?:ありません|なし)|超时|执行失败|宕机|无响应)");
    /**
     * A state in a bracket after any tags, in the languages scripts write in: "[KARGO][HATA] …" (Turkish), "[KRITISK]"
     * (Norwegian), "[VARNING]" (Swedish), "[OK]"; Nordic, Turkish, Finnish, Czech, Hungarian, Romanian, Indonesian,
     * Russian words.
     */
    private static final Pattern BRACKET_STATE = Pattern.compile(
            "^\\W*(?:\\[[^\\]\\n]{1,30}\\]\\s*)*?[\\[【]\\s*(?<state>" + GenericWords.OPEN_WORDS_ABROAD
                    + "|(?<close>OK|NORMAL|" + CLOSE_WORDS_ABROAD + "))\\s*[\\]】]\\s*[:\\-–]?\\s*(?<rest>\\S.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /**
     * A scheduled job, a data pipeline's run or a check that failed, named: "Job ingest_stripe_events failed!", "Run
     * failed: ml_feature_refresh", "Flow run `dbt-build/purple-walrus` failed after 3 retries", "dbt Cloud run #3310201
     * for job *Finance marts* failed", "Failure alert for flow prod.billing.invoice-export". Builds and deploys are
     * look-alikes before this is tried.
     */
    private static final Pattern JOB_FAILED = Pattern.compile(
            "(?i)^(?:\\W|:[\\w+-]+:)*(?!test\\b)(?:[\\w.-]+\\s+){0,2}?(?<!test\\s)(?:(?:job|run|flow\\s+run|flow"
                    + "|task\\s+run|task|dag\\s+run|dag|asset|sync|execution|backup|export|import|etl|batch|cron(?:\\s+job)?"
                    + "|scheduled\\s+job|connector|checkpoint|suite|test\\s+suite)\\s+[`*'\"]?(?<name>(?:(?!\\bagain\\b|\\bok\\b)[^\\n(]){1,80}?)[`*'\"]?\\s+"
                    + "(?:has\\s+)?(?:failed|errored|crashed|timed\\s+out)(?![\\p{L}])"
                    + "|(?<!test\\s)(?:run|job|task|execution|sync|flow\\s+run)\\s+failed\\s*:\\s*[`*'\"]?(?<name2>[\\w.:/-]{2,80})"
                    + "|failure\\s+alert\\s+for\\s+(?:flow|job|task|dag|pipeline)\\s+[`*'\"]?(?<name3>[\\w.:/-]{2,80})"
                    // a scheduler's: "Job failed on worker-03: Weekly Report Mailer: Error 1", "Failed to launch
                    // scheduled event: S3 Log Archive: …" (Cronicle)
                    + "|^\\W*(?:job|task|run)\\s+failed\\s+on\\s+[\\w.-]+\\s*:\\s*(?<name4>[^:\\n]{2,80}?)\\s*:"
                    + "|^\\W*failed\\s+to\\s+(?:launch|start|run)\\s+(?:scheduled\\s+)?(?:event|job|task)\\s*:\\s*(?<name5>[^:\\n]{2,80}?)\\s*(?::|$))");
    /** An alert that says it fired, named first: "*orders_worker_panics* fired (real time) in acme/k8s_logs". */
    private static final Pattern NAME_FIRED =
            Pattern.compile("^\\W*[*_`]?(?<name>[\\w.:/-]{3,80})[*_`]?\\s+(?:has\\s+)?fired(?![\\p{L}])");
    /** A bot saying it started: "ops-err online — 14 plugins loaded", "listening on :8080". */
    private static final Pattern BOT_STARTED = Pattern.compile(
            "(?i)\\b(?:plugins?|modules?|handlers?|commands?)\\s+loaded|\\bstarted\\s+up\\b|\\bbooted\\b|\\blistening\\s+on\\b"
                    // a watchdog announcing itself: "Cerberus has started monitoring!"
                    + "|\\bhas\\s+started\\s+monitoring\\b");
    /**
     * A line led by a red or orange circle (a script's problem, a pinger's "🔴 api-7") or a green one (its all-clear,
     * ":green_circle: shop.example.com 212ms"), then what it is about.
     */
    private static final Pattern CIRCLE_LEAD =
            Pattern.compile("^\\s*(?::(?<red>(?:large_)?(?:red|orange)_(?:circle|square)):"
                    + "|(?<red2>[🔴🟥🟠🟧])|:(?:large_)?green_(?:circle|square):|[🟢🟩])\\s*(?<rest>\\S.*)$");

    /** A bot asking for attention before what it found: "Heads up: the mail queue on mx1 has 3,201 messages stuck". */
    private static final Pattern HEADS_UP =
            Pattern.compile("(?i)^\\W*(?:heads[\\s-]+up|let\\s+op|achtung|attention)\\s*[:!,–-]\\s*(?<rest>\\S.*)$");
    /**
     * A script's all-clear: "below threshold again", "back to 120", "back within SLA", "accepting mail again",
     * "fresh again:", "error spike over", "clearing".
     */
    private static final Pattern BACK_AGAIN = Pattern.compile(
            "(?i)^(?<name>.{2,120}?)[\\s:,]+(?:(?<!fall\\s)(?<!falls\\s)(?<!fell\\s)(?<!falling\\s)back\\s+(?:to|within|in\\s+range|under|below|in\\s+sla)"
                    // Windows's Service Control Manager: "The Print Spooler service entered the running state"
                    + "|entered\\s+the\\s+running\\s+state"
                    + "|below\\s+(?:the\\s+)?threshold|(?:running|accepting\\s+\\w+|reporting|received|empty|fresh|healthy|passing|answers|answering|moving"
                    + "|ticking|working|responding|consuming|processing|online|reachable|resolving)\\s+again|no\\s+longer\\s+(?:listed|down|failing|stuck)"
                    + "|(?:has\\s+)?drained|weer\\s+(?:normaal|droog|gelukt|onder|online|bereikbaar)|(?:is\\s+)?terug\\b"
                    // French and Italian all-clears: "répondent à nouveau", "di nuovo ONLINE", "revenues à 0.3 %",
                    // "rientrata"
                    + "|(?:à|de)\\s+nouveau|di\\s+nuovo|revenue?s?\\s+à|tornat[aoie]\\s+(?:normale|a|alla)|rétabli(?:e|s|es)?"
                    + "|ripristinat[aoie]|rientrat[aoie]|back\\s+online"
                    // Portuguese and Polish: "normalizado", "voltou", "w normie", "znowu działa", "przywrócony"
                    + "|normalizad[oa]s?|voltou|voltaram|restabelecid[oa]s?|w\\s+normie|(?:znowu|ponownie)\\s+działa"
                    + "|działa\\s+ponownie|przywrócon[yaeo]|(?<!partially\\s)(?<!not\\s)(?<!never\\s)recovered|(?<!was\\s)resumed"
                    + "|(?:spike|burn|outage|incident)\\s+(?:is\\s+)?over|clearing"
                    // Nordic and Turkish: "svarer igjen", "under grensen igjen", "har tatt igjen", "tekrar yanıt
                    // veriyor"
                    // a heartbeat received or sent again: "Hjärtslag mottaget igen", "skickar hjärtslag igen"
                    + "|(?:mottaget|mottagen|mottatt|modtaget|(?:skickar|sender|sänder)\\s+\\S+)\\s+(?:igjen|igen)"
                    + "|(?:svarer|svarar|oppe|uppe|online|normal|tilbake|tillbaka|virker|fungerer|fungerar|kjører|körs|kører"
                    + "|under\\s+\\S+|tatt)\\s+(?:igjen|igen)|(?:tekrar|yeniden)\\s+(?:yanıt\\s+veriyor|geliyor|çalışıyor"
                    + "|erişilebilir|aktif|normal)|normale\\s+döndü|düzeldi|toparlandı|pulih|kembali\\s+normal"
                    // Vietnamese: "bình thường trở lại" (normal again), "hoạt động lại" (working again), "chạy ổn định
                    // lại" (running steadily again), "khớp lại" (matching again)
                    + "|(?:bình\\s+thường|ổn\\s+định|hoạt\\s+động|khớp|kết\\s+nối|phản\\s+hồi)\\s+(?:trở\\s+)?lại)\\b|(?i)^\\W*(?:fresh|ok|healthy|up)\\s+again\\s*:\\s*(?<name2>\\S.*)$",
            Pattern.UNICODE_CASE);
    /** A script's all-clear anywhere in its line: "succeeded again", "first success since 06:00", "(was corrupt …)". */
    private static final Pattern CLOSE_ANY =
            Pattern.compile("(?i)^(?<name>.{2,120}?)\\s+[^\\n]*?\\b(?:succeeded\\s+again|first\\s+success\\s+since"
                    + "|succeeded\\s+\\(previous\\s+run\\s+failed\\)"
                    // a retry that went through: "retry succeeded", "retry thành công", "lyckades igen"
                    + "|(?:retry|re-?run)\\s+(?:succeeded|successful|thành\\s+công|lyckades|lyktes|lykkedes)"
                    + "|(?:lyckades|lyktes|lykkedes)\\s+(?:igen|igjen)|OK\\s+\\(was\\s+(?:down|corrupt|failing|failed|critical|stale)\\b"
                    // every one of them healthy again: "4/4 GPUs healthy", "3/3 nodes ready"
                    + "|(?<![\\d/])(\\d+)/\\1\\s+(?:[\\w-]+\\s+)?(?:healthy|up|ok|online|ready|passing)\\b)");
    /** What a script says broke: "ingest-worker crashed", "replication stopped", "/data remounted read-only". */
    private static final Pattern EVENT_OPEN = Pattern.compile(
            "(?i)^(?<name>.{2,100}?)\\s+(?:crashed|crash-?looping|stopped(?!\\s+by\\s)"
                    // Windows's Service Control Manager, supervisors: "The Print Spooler service terminated
                    // unexpectedly", "program worker exited unexpectedly"
                    + "|terminated\\s+unexpectedly|exited\\s+unexpectedly"
                    + "|remounted\\s+read-only|has\\s+not\\s+succeeded\\s+in|handshake\\s+failed)\\b|\\b(?:CrashLoopBackOff|OOMKilled)\\b");
    /**
     * A silence the check noticed: "no heartbeat from ingest-worker-2 for 15m", in the languages scripts write in
     * ("Inget hjärtslag från ct-gateway-2", "Ingen hjerteslag fra …", "Kein Heartbeat von …", "Không nhận được heartbeat
     * từ gps-ingest").
     */
    private static final Pattern NO_HEARTBEAT = Pattern.compile(
            "(?i)^(?:\\W|:[\\w+-]+:)*(?:no|inget|ingen|inga|kein(?:e|en)?|aucun|nessun|geen|brak|không\\s+(?:nhận\\s+được|có))\\s+"
                    + "(?:heartbeats?|hjärtslag|hjerteslag|check-?ins?|pings?|data|signal|sygnału)\\s+"
                    + "(?:from|från|fra|từ|von|de|da|van|od)\\s+[*`'\"]?(?<name>[\\w.:/-]+)");

    /** How a reading of a measurement over its threshold names where it read the state. */
    static final String MEASUREMENT = "a measurement over its threshold";

    /** Reads a script's own words: a check in capitals, a measurement over its threshold, an all-clear. */
    static void scriptWords(MessageView view, List<String> headlines, Reading r) {
        // 6. a script's own words: a check in capitals and its state, a measurement over its threshold, an all-clear
        if (r.state == null && !headlines.isEmpty()) {
            String line = headlines.get(0);
            // the status mark leading a title or one of the first lines (a card's header, its section under the
            // text fallback)
            String firstRaw = view.text().strip().split("\n", 2)[0];
            String markColour = null;
            List<String> rawLines = new ArrayList<>(view.titles());
            Arrays.stream(view.text().strip().split("\n", 6))
                    .filter(l -> !l.isBlank())
                    .limit(4)
                    .forEach(rawLines::add);
            for (String raw : rawLines) {
                markColour = Marks.markColour(raw);
                if (markColour != null) {
                    firstRaw = raw.strip();
                    break;
                }
            }
            String allHeadlines = String.join("\n", headlines);
            Matcher markLead = Marks.MARK_LEAD.matcher(firstRaw);
            Matcher shape = null;
            String shapeState = null;
            for (String h : headlines) {
                for (Pattern p : List.of(
                        BOLD_CAPS_LEAD,
                        COLOUR_IS,
                        COLOUR_STATUS,
                        RULE_LEVEL,
                        PRIORITY_LEAD,
                        POLICY_VIOLATED,
                        POLICY_FAILURE)) {
                    Matcher x = p.matcher(p == BOLD_CAPS_LEAD ? boldLead(view, h) : h);
                    if (x.find()) {
                        shape = x;
                        shapeState =
                                x.group("state") == null || x.group("state").isEmpty()
                                        ? "failed"
                                        : x.group("state").toLowerCase(Locale.ROOT);
                        break;
                    }
                }
                if (shape != null) {
                    break;
                }
            }
            if (shape != null && !"test".equals(shapeState)) {
                // a tool's state in its own place: "*ERROR* name [tags]" (Moira, Seyren), "db-02: disk is red."
                // and "red Fri Dec 4 …" (Xymon's colours), "Rule: 5712 (level 10) -> 'desc'" (OSSEC), "P1 db7 disk 97%"
                r.state = switch (shapeState) {
                    case "red",
                            "yellow",
                            "purple",
                            "error",
                            "crit",
                            "critical",
                            "warn",
                            "warning",
                            "nodata",
                            "no_data",
                            "failed" -> "failed";
                    case "green", "clear", "ok" -> "recovered";
                    default -> null;
                };
                r.rest = shape.group("name") == null || shape.group("name").isBlank()
                        ? line
                        : SlackText.normalise(shape.group("name")).strip();
                if (shape.pattern() == POLICY_VIOLATED) {
                    r.hostState = shape.group("host");
                    r.named = true;
                    r.keepName = true;
                }
                r.where = "a tool's state in its own place \"" + Headlines.clip(shape.group()) + "\"";
            }
            if (r.state != null) {
                // found above
            } else if ("green".equals(markColour)
                    && (GenericWords.FAILED_WORDS.matcher(allHeadlines).find()
                            || RED_MARK.matcher(firstRaw).find()
                            || NORMAL_AGAIN.matcher(allHeadlines).find()
                            || JOB_FAILED.matcher(line).find()
                            || EVENT_OPEN.matcher(allHeadlines).find()
                            || GREEN_INCIDENT.matcher(firstRaw).find())
                    && !BOT_STARTED.matcher(allHeadlines).find()) {
                // "✅ export ran after 2 failed runs", "✓ recon rc=0 (prev ✗✗)": a green mark leading the line says it
                // ended; the failure it names is the one that ended
                r.state = "recovered";
                r.rest = markLead.find()
                        ? SlackText.normalise(markLead.group("rest")).strip()
                        : line;
                r.where = "a green mark leading \"" + Headlines.clip(firstRaw) + "\" that names the failure it ends";
            } else {
                lineWords(view, headlines, line, firstRaw, markColour, markLead, r);
            }
            if (r.state != null) {
                r.matched = line;
                r.strong = true;
            }
        }
    }

    /** Reads the headline's own words: a check in capitals, a leading state, an all-clear, a job's failure. */
    private static void lineWords(
            MessageView view,
            List<String> headlines,
            String line,
            String firstRaw,
            String markColour,
            Matcher markLead,
            Reading r) {
        Matcher cs = CAPS_CHECK_STATE.matcher(line);
        Matcher cl = CAPS_LEAD.matcher(line);
        Matcher mc = MACHINE_CAPS_STATE.matcher(line);
        Matcher cjk = CJK_LEAD.matcher(line);
        Matcher bs = BRACKET_STATE.matcher(line);
        Matcher wcl = WORD_COLON_LEAD.matcher(line);
        Matcher cjkAny = CJK_ANY.matcher(line);
        Matcher job = JOB_FAILED.matcher(line);
        Matcher fired = NAME_FIRED.matcher(line);
        Matcher back = BACK_AGAIN.matcher(line);
        Matcher nh = NO_HEARTBEAT.matcher(line);
        Matcher over = Thresholds.OVER_THRESHOLD.matcher(line);
        Matcher ca = CLOSE_ANY.matcher(line);
        Matcher fw = GenericWords.FAILED_WORDS.matcher(line);
        Matcher hu = HEADS_UP.matcher(line);
        Matcher ev = EVENT_OPEN.matcher(line);
        if (cs.find()) {
            String w = cs.group("state");
            r.state = switch (w) {
                case "FAIL", "FAILED", "STALE" -> "failed";
                case "PASS", "PASSED" -> "recovered";
                default -> w.toLowerCase(Locale.ROOT);
            };
            r.rest = (cs.group("name") + " " + cs.group("rest")).strip();
            r.where = "a check's state in capitals \"" + w + "\" in \"" + Headlines.clip(line) + "\"";
        } else if (mc.find()) {
            r.state = "down";
            r.rest = mc.group("name");
            r.where = "a machine's state in capitals \"" + mc.group("state") + "\" in \"" + Headlines.clip(line) + "\"";
        } else if (cl.find()) {
            leadingWord(r, cl, "\" leading \"", line);
        } else if (bs.find()) {
            leadingWord(r, bs, "\" in a bracket leading \"", line);
        } else if (wcl.find()) {
            leadingWord(r, wcl, ":\" leading \"", line);
        } else if (cjk.find()) {
            r.state = cjk.group("close") != null ? "recovered" : "failed";
            r.rest = line.substring(cjk.end()).replaceAll("^[\\W&&[^\\p{IsHan}]]+", "");
            r.where = "\"" + cjk.group() + "\" leading \"" + Headlines.clip(line) + "\"";
        } else if (cjkAny.find()) {
            r.state = cjkAny.group("close") != null ? "recovered" : "failed";
            r.rest = line.substring(0, cjkAny.start()).strip();
            r.where = "\"" + cjkAny.group() + "\" in \"" + Headlines.clip(line) + "\"";
        } else if (back.find()) {
            r.state = "recovered";
            r.rest = back.group("name") != null ? back.group("name") : back.group("name2");
            r.where = "an all-clear in \"" + Headlines.clip(line) + "\"";
        } else if (nh.find()) {
            r.state = "missing";
            r.rest = nh.group("name");
            r.named = true;
            r.where = "no heartbeat in \"" + Headlines.clip(line) + "\"";
        } else if (Thresholds.overThreshold(over)) {
            r.state = "exceeded";
            r.rest = over.group("name");
            // "CRIT | app01 » http_time =": a state, the host, then the check measured after the last separator
            Matcher hostCheck = HOST_SEP_CHECK.matcher(r.rest);
            if (hostCheck.find() && AlertNames.hostLike(hostCheck.group("host"))) {
                r.hostState = hostCheck.group("host");
                r.rest = hostCheck.group("check");
                r.named = true;
                r.keepName = true;
            }
            r.where = MEASUREMENT + " in \"" + Headlines.clip(line) + "\"";
        } else if (ca.find()) {
            r.state = "recovered";
            r.rest = ca.group("name");
            r.where = "an all-clear in \"" + Headlines.clip(line) + "\"";
        } else if (hu.find()) {
            r.state = "detected";
            r.rest = hu.group("rest");
            r.where = "a bot's heads-up \"" + Headlines.clip(line) + "\"";
        } else if (job.find()) {
            r.state = "failed";
            r.rest = job.group("name") != null
                    ? job.group("name")
                    : job.group("name2") != null
                            ? job.group("name2")
                            : job.group("name3") != null
                                    ? job.group("name3")
                                    : job.group("name4") != null ? job.group("name4") : job.group("name5");
            r.named = true;
            r.where = "a job's failure \"" + Headlines.clip(line) + "\"";
        } else if (fired.find()) {
            r.state = "fired";
            r.rest = fired.group("name");
            r.named = true;
            r.where = "an alert that fired \"" + Headlines.clip(line) + "\"";
        } else if (fw.find()) {
            r.state = "failed";
            r.rest = line.substring(0, fw.start()).strip();
            r.where = "\"" + fw.group() + "\" in \"" + Headlines.clip(line) + "\"";
        } else if (ev.find()) {
            r.state = "failed";
            r.rest = ev.group("name") != null ? ev.group("name") : line;
            r.where = "what broke in \"" + Headlines.clip(line) + "\"";
        } else {
            markWords(view, headlines, line, firstRaw, markColour, markLead, r);
        }
    }

    /**
     * Reads a state word leading {@code line} as {@code m} found it: its close group recovers, else it failed; the rest
     * after it is what it is about; {@code how} says where the word stood, between the word and the line quoted.
     */
    private static void leadingWord(Reading r, Matcher m, String how, String line) {
        r.state = m.group("close") != null ? "recovered" : "failed";
        r.rest = m.group("rest");
        r.where = "\"" + m.group("state") + how + Headlines.clip(line) + "\"";
    }

    /** Reads a coloured circle or a status mark leading the line, or a measurement under a card's title. */
    private static void markWords(
            MessageView view,
            List<String> headlines,
            String line,
            String firstRaw,
            String markColour,
            Matcher markLead,
            Reading r) {
        // the headline has lost its emoji: the circle is read on the text's first line
        Matcher cLead = CIRCLE_LEAD.matcher(view.text().strip().split("\n", 2)[0]);
        if (cLead.find() && !BOT_STARTED.matcher(cLead.group("rest")).find()) {
            r.state = cLead.group("red") != null || cLead.group("red2") != null ? "failed" : "recovered";
            r.rest = cLead.group("rest");
            r.where = "a coloured circle leading \"" + Headlines.clip(line) + "\"";
        } else if (markLead.find()
                && ("red".equals(markColour) || "heart".equals(markColour))
                && !BOT_STARTED.matcher(markLead.group("rest")).find()
                && (NAMED_AFTER_MARK.matcher(markLead.group("rest")).find()
                        || WHAT_COLON_DETAIL
                                .matcher(SlackText.normalise(markLead.group("rest")))
                                .find()
                        || (!view.fields().isEmpty()
                                && firstRaw.equals(
                                        view.titles().isEmpty()
                                                ? ""
                                                : view.titles().get(0).strip())))
                && !MARK_NOT_NEW.matcher(markLead.group("rest")).find()) {
            // "❌ NEDOSTUPNÝ: router-brno-1", "💔 Detak hilang: worker-x", "💚 syke palasi: x": a red mark (or a
            // broken heart's green twin) leading a bot's line, then what it is about
            r.state = "red".equals(markColour) ? "failed" : "recovered";
            r.rest = SlackText.normalise(markLead.group("rest")).strip();
            r.where = "a status mark leading \"" + Headlines.clip(firstRaw) + "\"";
            String[] q = quotedAndHost(markLead.group("rest"));
            Matcher dot = NAME_DOT_DETAIL.matcher(r.rest);
            Matcher lead = NAME_LEAD.matcher(r.rest);
            if (q == null && dot.find() && AlertNames.hostLike(dot.group("name"))) {
                // "💔 settlement-worker · אין דופק 10 דק׳": the name, a middle dot, what became of it
                r.rest = dot.group("name");
                r.named = true;
                r.keepName = true;
            } else if (q == null && lead.find() && AlertNames.hostLike(lead.group("name"))) {
                // "❌ aflaesning-nat fejlede: timeout …": a job's or host's name leading what became of it
                r.rest = lead.group("name");
                r.named = true;
                r.keepName = true;
            }
            if (q != null) {
                // "❌ Εργασία `export-aade-mydata` απέτυχε σε batch-01 …": the name in code, the host after it
                r.rest = q[0];
                r.hostState = q[1];
                r.named = true;
                r.keepName = true;
            }
        } else if (!view.titles().isEmpty()) {
            // a card whose title says what it is and whose text fallback or a line under it gives the measurement
            // beside its limit: "Temperatură ridicată VF-03-BV07 (Brașov 07): 9,4 °C > 8,0 °C"
            for (String h : headlines.subList(1, Math.min(4, headlines.size()))) {
                Matcher o = Thresholds.OVER_THRESHOLD.matcher(h);
                if (Thresholds.overThreshold(o)) {
                    r.state = "exceeded";
                    r.rest = headlines.get(0); // the card's title names it
                    r.where = MEASUREMENT + " in \"" + Headlines.clip(h) + "\"";
                    break;
                }
            }
        }
    }
    /**
     * "Normal" in the languages that borrow it, as a recovery names it: "zpět v normálu", "normaali", "normalizado", in
     * Cyrillic "у нормі", "нормально".
     */
    private static final Pattern NORMAL_AGAIN = Pattern.compile(
            "(?i)(?<![\\p{L}])(?:norm[aá]+l|норм)(?!\\s+(?:priority|severity))\\p{L}*", Pattern.UNICODE_CASE);

    /** A host, a separator, then the check measured: "CRIT | app01 » http_time =", "db-2 · repl_lag:". */
    private static final Pattern HOST_SEP_CHECK = Pattern.compile(
            "(?<host>[\\p{L}\\d][\\w.-]*[\\p{L}\\d])\\s[»›|·]\\s+(?<check>\\p{L}[\\w./-]*)\\s*[=:]?\\s*$");
    /** What a mark's line is about, a colon, then details: "Exporty do Heureky selhávají: 5 z 5 posledních běhů …". */
    private static final Pattern WHAT_COLON_DETAIL = Pattern.compile("^[^:\\n]{3,60}:\\s+\\S");

    /** A name, a middle dot or a bar, then what became of it: "settlement-worker · אין דופק 10 דק׳". */
    private static final Pattern NAME_DOT_DETAIL =
            Pattern.compile("^(?<name>[\\p{L}\\d][\\w.-]*[\\p{L}\\d])\\s+[·•|]\\s+\\S");

    /** A name joined by dashes or underscores leading a mark's line, words after it: "aflaesning-nat fejlede …". */
    private static final Pattern NAME_LEAD =
            Pattern.compile("^(?<name>\\p{L}[\\p{L}\\d]*(?:[-_][\\p{L}\\d]+)+)(?=\\s+\\p{L})");

    /**
     * A green mark leading a numbered incident and what became of it, in any language ("✅ Incident #412 riješen: …"):
     * the incident it numbers ended.
     */
    private static final Pattern GREEN_INCIDENT = Pattern.compile("^\\W*(?:[Ii]ncident|INC)[\\s-]*#?\\d+\\s+\\p{L}+"
            + "(?:[^\\n]{0,40}:|[^\\n]{0,60}[·•|]\\s*\\p{L}+\\s+\\d+\\s*\\p{L}{1,5}\\b)");

    /** A job's or check's name in code on a mark's line: words joined by dashes or underscores. */
    private static final Pattern CODE_NAME = Pattern.compile("`(?<name>[\\p{L}\\d][\\p{L}\\d]*(?:[-_][\\p{L}\\d]+)+)`");

    /**
     * The name a status mark's line writes in code and the host-like word after it ("`export-aade-mydata` … σε
     * batch-01"), or null when it writes no name in code; the host empty when it names none.
     */
    private static String[] quotedAndHost(String raw) {
        Matcher q = CODE_NAME.matcher(raw);
        if (!q.find()) {
            return null;
        }
        String name = q.group("name");
        Matcher h = GenericWords.HOST_WORD.matcher(raw.substring(q.end()));
        while (h.find()) {
            if (AlertNames.hostLike(h.group())
                    && !h.group().equals(name)
                    && !h.group().startsWith("/")) {
                return new String[] {name, h.group()};
            }
        }
        return new String[] {name, ""};
    }

    /** A red mark anywhere in a line: the failures a recovery counts ("(prev ✗✗)"). */
    private static final Pattern RED_MARK = Pattern.compile("[✗✘❌🔴]|:x:|:red_circle:");
    /** What follows a status mark names something: a word with a digit, dash, dot or slash, or a quoted name. */
    private static final Pattern NAMED_AFTER_MARK = Pattern.compile(
            "[`*'\"][^`*'\"\\n]{2,80}[`*'\"]|(?<![\\p{L}\\p{N}])\\p{L}[\\p{L}\\p{N}_]*[-.\\d][\\p{L}\\p{N}_.-]*"
                    // a numbered thing: "🚨 תקלה #2292 — …"
                    + "|(?<![\\w#])#\\d{2,}\\b");

    /** A state in bold capitals leading the raw line: "*ERROR* Kafka consumer lag [kafka][prod]" (Moira, Seyren). */
    private static final Pattern BOLD_CAPS_LEAD = Pattern.compile(
            "^[^\\p{L}\\p{N}*]{0,6}\\*(?<state>ERROR|CRITICAL|CRIT|WARN|WARNING|NODATA|NO_DATA|OK|TEST)\\*\\s+(?<name>\\S.*?)"
                    + "(?:\\s*\\[[^\\]\\n]*\\])*\\s*$");
    /** A check's colour as its state: "db-02: disk is red." (Xymon, Big Brother). */
    private static final Pattern COLOUR_IS = Pattern.compile(
            "^\\W*(?<name>[\\w.,:/ -]{2,80}?)\\s+is\\s+(?<state>red|yellow|purple|green|clear)(?:\\.|\\W*$)");
    /** A status message led by its colour and a date: "yellow Fri Dec  4 09:20:01 2026 …" (Xymon). */
    private static final Pattern COLOUR_STATUS = Pattern.compile(
            "^(?<state>red|yellow|purple|green|clear)\\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\\s+\\p{L}{3}\\s+\\d{1,2}\\s+\\d{1,2}:\\d\\d(?<name>)");
    /** A host IDS rule that matched: "Rule: 5712 (level 10) -> 'SSHD brute force …'" (OSSEC's alert log). */
    private static final Pattern RULE_LEVEL = Pattern.compile(
            "^\\W*Rule:\\s*\\d+\\s+(?:fired\\s+)?\\(level\\s+\\d+\\)\\s*->\\s*['\"]?(?<name>[^'\"\\n]{2,160}?)['\"]?\\s*$(?<state>)");
    /** A priority code leading a terse measurement: "P1 db7 disk 97%", "P3 api lat p99 812ms >500". */
    private static final Pattern PRIORITY_LEAD = Pattern.compile(
            "^\\W*P[0-4]\\s+(?<name>\\p{L}[^\\n]{1,80}?)\\s+\\d[\\d.,]*\\s*(?:%|\\p{Ll}{1,3})?(?:\\s*[<>]=?\\s*\\d[\\d.,]*\\S*)?\\s*$(?<state>)");

    /**
     * A policy violation as StackRox / Red Hat ACS writes its pretext: "Deployment eisitiria-api (in cluster
     * kymata-prod) violates 'Privileged Container' Policy" (the deployment, the policy's name).
     */
    private static final Pattern POLICY_VIOLATED = Pattern.compile(
            "^\\W*Deployment\\s+(?<host>[\\w.-]+)\\s+(?:\\([^)\\n]{1,80}\\)\\s+)?violates\\s+'(?<name>[^'\\n]{2,120})'\\s+Policy\\W*$(?<state>)");
    /** A cloud policy's failure as Panther titles it: "Policy Failure: AWS S3 Bucket Public Read". */
    private static final Pattern POLICY_FAILURE =
            Pattern.compile("^\\W*Policy\\s+Failure:\\s+(?<name>\\S[^\\n]{1,160}?)\\s*$(?<state>)");

    /** The raw line a normalised headline came from, for the bold a state is written in (normalising drops it). */
    private static String boldLead(MessageView view, String headline) {
        for (String raw : view.text().split("\n", 6)) {
            String plain = SlackText.normalise(raw).strip();
            if (!plain.isEmpty() && headline.strip().startsWith(plain.length() > 20 ? plain.substring(0, 20) : plain)) {
                return raw.strip();
            }
        }
        return "";
    }
    /** What a red mark's line says besides a new problem: a reminder, an escalation, a deploy, a test run, a roster. */
    static final Pattern MARK_NOT_NEW = Pattern.compile(
            "(?i)\\b(?:still|escalat\\w*|created\\s+by|cancell?ed|deploy\\w*|test\\s+run|now)\\b|[^,\\n]+,[^,\\n]+,[^,\\n]+,");
}
