package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The states written in cells rather than sentences: a run's one-line report of cells between hard separators
 * ("sync_orders | FALLITO | 1/3"), the rows of a code block's table with a state column, a one-row table in any
 * language (the state cell in capitals, or a measurement beside its limit where the script has no capitals), and a
 * scheduled job that did not run. Read by {@link GenericRecogniser}; each reader finds the state by the cells' shape,
 * not by a word's place in a headline.
 */
final class TableStates {

    private TableStates() {}

    /** The cells of a run's one-line report between hard separators: "job ▸ FAILED ▸ try 1/3 ▸ 2m ▸ reason". */
    private static final Pattern RUN_CELLS = Pattern.compile("\\s+[|▸▶►›»│┃¦]\\s+");

    /** What a job's name is: a word joined by an underscore, dot or hyphen ("onec_export", "sync.nightly"). */
    private static final Pattern RUN_NAME = Pattern.compile("[\\p{L}\\d]+(?:[_.-][\\p{L}\\d]+)+");

    /**
     * The job a one-line run report names when a later cell of it is an open state in capitals, in any language
     * {@link StateWords} knows ("onec_export ▸ СӘТСІЗ ▸ әрекет 1/3 ▸ …", "sync_orders | FALLITO | …"); null otherwise.
     * A count before the word ("0 FAILED") is a summary's cell, not a state.
     */
    static String runCellsState(String first) {
        RunCells run = runCells(first);
        return run != null && run.action() == Action.OPEN ? run.name() : null;
    }

    /** What a run's one-line report says: the job, and its failure (open), a retry failing again, or a pass after. */
    record RunCells(String name, Action action) {}

    /** A count of failures in a cell: "пас аз 2 нокомӣ" (after 2 failures), "2 сәтсіздіктен кейін". */
    private static final Pattern COUNTED_WORD =
            Pattern.compile("(?<![\\d.,])\\d{1,2}\\s+(?<word>\\p{L}[\\p{L}\\p{M}'ʻ’]+)");

    /**
     * A run's one-line report of cells between hard separators ({@link #RUN_CELLS}): a later cell an open state in
     * capitals (any language {@link StateWords} knows) opens, unless a cell counts it a later try ("2/3": a retry
     * failing again, an update); a success in capitals after failed tries ("3/3", "after 2 failures") closes; null
     * otherwise (a plain success is a report). A count before the word ("0 FAILED") is a summary's cell, not a state.
     */
    static RunCells runCells(String first) {
        String[] cells = RUN_CELLS.split(first.strip());
        if (cells.length < 3
                || !RUN_NAME.matcher(cells[0].replaceAll("[`*]", "").strip()).matches()) {
            return null;
        }
        String name = cells[0].replaceAll("[`*]", "").strip();
        int tryNo = 0;
        boolean failedBefore = false;
        for (int i = 1; i < cells.length; i++) {
            Matcher t = GenericWords.TRY_COUNT.matcher(cells[i]);
            if (t.find() && Integer.parseInt(t.group("k")) <= Integer.parseInt(t.group("n"))) {
                tryNo = Integer.parseInt(t.group("k"));
            }
            Matcher w = COUNTED_WORD.matcher(cells[i]);
            while (w.find()) {
                Action a = StateWords.of(w.group("word"));
                if (a == null) {
                    a = StateWords.inflected(w.group("word"));
                }
                failedBefore |= a == Action.OPEN && !w.group().startsWith("0");
            }
        }
        for (int i = 1; i < cells.length; i++) {
            String c = cells[i].replaceAll("^[\\p{So}\\p{Sk}\\x{FE0F}\\s*_`]+|[\\p{So}\\x{FE0F}\\s*_`]+$", "");
            // in capitals, or in a script without case ("విఫలం"): as a bot writes its state word
            boolean tagLike = c.matches("[\\p{Lu}\\p{M}]+(?: [\\p{Lu}\\p{M}]+){0,3}")
                    || (c.matches("[\\p{L}\\p{M}]+(?: [\\p{L}\\p{M}]+){0,3}")
                            && c.codePoints().noneMatch(x -> Character.isUpperCase(x) || Character.isLowerCase(x)));
            if (tagLike && StateWords.of(c) == Action.OPEN) {
                return new RunCells(name, tryNo >= 2 ? Action.NONE : Action.OPEN);
            }
            if (tagLike && StateWords.of(c) == Action.CLOSE) {
                return tryNo >= 2 || failedBefore ? new RunCells(name, Action.CLOSE) : null;
            }
        }
        return null;
    }
    /** A script's exit code that is not zero, written as a key=value pair: "exit=1", "exit_code=2", "rc=137". */
    static final Pattern EXIT_NONZERO =
            Pattern.compile("(?<![^\\s])(?:exit|exit_?code|exitcode|rc|returncode)=(?:[1-9]\\d{0,2})(?!\\S)");
    /** The job a key=value line names: "job=stock_sync_sap". */
    static final Pattern JOB_KEY =
            Pattern.compile("(?<![^\\s])(?:job|task|cron|jobb|job_name)=(?<name>[\\w.:-]{2,80})(?!\\S)");

    /** A clock time as a key=value pair's value: "กำหนด=03:00", "checked=03:20". */
    private static final Pattern CLOCK_VALUE =
            Pattern.compile("(?<![^\\s])[\\p{L}][\\p{L}\\p{M}\\w.-]{0,30}=(?<h>\\d{1,2}):(?<m>\\d{2})(?!\\S)");

    /**
     * The job a key=value line says did not run, or null: it names the job, and gives two clock times, the second
     * later (when it was due and when it was checked: "job=invoice_export … กำหนด=03:00 ตรวจเมื่อ=03:20") and no
     * run's length or exit code (a run that happened reports those).
     */
    static String scheduledNotRun(String line) {
        Matcher job = JOB_KEY.matcher(line);
        if (!job.find()
                || Thresholds.LENGTH_VALUE.matcher(line).find()
                || EXIT_NONZERO.matcher(line).find()
                || line.contains("exit=")) {
            return null;
        }
        Matcher t = CLOCK_VALUE.matcher(line);
        List<Integer> minutes = new ArrayList<>();
        while (t.find()) {
            minutes.add(Integer.parseInt(t.group("h")) * 60 + Integer.parseInt(t.group("m")));
        }
        return minutes.size() == 2 && minutes.get(1) > minutes.get(0) ? job.group("name") : null;
    }

    private static final Pattern STATE_HEADER = Pattern.compile("(?i)st|stat|state|status|health|result");
    private static final Pattern CHECK_HEADER = Pattern.compile("(?i)chk|check|alert|rule|monitor|metric|test|probe");
    private static final Pattern HOST_HEADER = Pattern.compile("(?i)host|node|server|instance|target|service|svc");
    private static final Pattern TABLE_OPEN =
            Pattern.compile("(?i)crit|critical|fail|failed|failing|down|error|err|alarm|alert");
    private static final Pattern TABLE_WAS =
            Pattern.compile("(?i)^ok\\b.*\\(\\s*was\\s+(?:crit|critical|fail|failed|down|error|alarm|warn|warning)\\b");

    /**
     * The state a code block's table gives: {state, check, host, row} for the first row in a failing state, else for a
     * row back to ok that names the state it left; null when there is no table with a state column.
     */
    static String[] tableState(String text) {
        int open = text.indexOf("```");
        int close = open < 0 ? -1 : text.indexOf("```", open + 3);
        if (close < 0) {
            return null;
        }
        String[] lines = text.substring(open + 3, close).strip().split("\n");
        if (lines.length < 2) {
            return null;
        }
        String[] header = lines[0].strip().split("\\s+");
        int st = -1;
        int chk = -1;
        int host = -1;
        for (int i = 0; i < header.length; i++) {
            if (st < 0 && STATE_HEADER.matcher(header[i]).matches()) {
                st = i;
            } else if (chk < 0 && CHECK_HEADER.matcher(header[i]).matches()) {
                chk = i;
            } else if (host < 0 && HOST_HEADER.matcher(header[i]).matches()) {
                host = i;
            }
        }
        if (st < 0 && header.length >= 3 && lines.length == 2) {
            String[] one = oneRowState(header, lines[1].strip());
            if (one == null && !text.substring(0, open).strip().startsWith("[")) {
                // (a copy led by a bracketed note, "[dry-run] …", "[test – ignore] …", is no state's post)
                one = caselessRowState(header, lines[1].strip());
            }
            return one;
        }
        if (st < 0 || header.length < 3) {
            return null;
        }
        String[] recovered = null;
        for (int r = 1; r < lines.length; r++) {
            String[] cells = lines[r].strip().split("\\s+", header.length);
            if (cells.length != header.length) {
                continue;
            }
            String name = chk >= 0 ? cells[chk] : "";
            String where = host >= 0 ? cells[host] : "";
            if (TABLE_OPEN.matcher(cells[st]).matches()) {
                return new String[] {"failed", name, where, lines[r].strip()};
            }
            if (recovered == null && TABLE_WAS.matcher(cells[st]).find()) {
                recovered = new String[] {"recovered", name, where, lines[r].strip()};
            }
        }
        return recovered;
    }

    /** A state cell in a script without capitals (Hebrew, Thai, Arabic, CJK): letters only, one or two words. */
    private static final Pattern CASELESS_CELL = Pattern.compile(
            "[\\p{L}\\p{M}&&[^\\p{Lu}\\p{Ll}\\p{Lt}]]{2,20}(?:\\s[\\p{L}\\p{M}&&[^\\p{Lu}\\p{Ll}\\p{Lt}]]{2,20})?");
    /** A measured cell: a number and its unit ("97%", "48s", "0.4s", "120k"). */
    private static final Pattern MEASURE_CELL = Pattern.compile("(?<n>\\d[\\d.,]*)\\s*(?<unit>%|\\p{L}{1,3})?");

    /**
     * A table of one row, its columns apart by two spaces or more, whose state cell is written in a script without
     * capitals ("קריטי    pay-gw-03      cpu_load_5m      97%     90%"): what the state word says is not read, the
     * measurement beside its limit is (the two last measured cells, value then limit, in one unit): past the limit
     * opens, within it closes. Without both, nothing.
     */
    private static String[] caselessRowState(String[] header, String row) {
        String[] cells = row.split("\\s{2,}");
        if (cells.length != header.length) {
            return null;
        }
        int st = onlyCell(cells, 0, CASELESS_CELL);
        if (st < 0) {
            return null;
        }
        String host = "";
        String check = "";
        List<Matcher> measured = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            Matcher m = MEASURE_CELL.matcher(cells[i]);
            if (i == st) {
                continue;
            } else if (m.matches()) {
                measured.add(m);
            } else if (host.isEmpty() && AlertNames.hostLike(cells[i])) {
                host = cells[i];
            } else if (check.isEmpty() && cells[i].matches("\\p{L}[\\w.:/-]*")) {
                check = cells[i];
            }
        }
        if (measured.size() < 2 || host.isEmpty() && check.isEmpty()) {
            return null;
        }
        Matcher value = measured.get(measured.size() - 2);
        Matcher limit = measured.get(measured.size() - 1);
        String unit = value.group("unit") == null ? "" : value.group("unit");
        String unit2 = limit.group("unit") == null ? "" : limit.group("unit");
        if (!unit.equalsIgnoreCase(unit2)) {
            return null;
        }
        try {
            boolean over = Thresholds.number(value.group("n")) > Thresholds.number(limit.group("n"));
            return new String[] {over ? "failed" : "recovered", check, host, row};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A state cell in capitals whatever the language ("KRIT", "UPOZ", "ΑΠΟΤΥΧΙΑ"), or OK. */
    private static final Pattern CAPS_CELL = Pattern.compile("\\p{Lu}{2,12}");
    /** A row back to ok that names, in brackets, the capital state it left: "OK 12 (bilo KRIT 26 min)". */
    private static final Pattern OK_WAS_CAPS =
            Pattern.compile("\\(\\s*(?:\\p{L}+\\s+)?\\p{Lu}{2,12}\\b[^)]*\\d[^)]*\\)");

    /**
     * A table of one row whose header names no state column in a language the recogniser knows ("poslužitelj provjera
     * stanje vrijednost"): the post of one check's change of state. The state cell is the row's one cell in capitals
     * (a column of lower-case identifiers around it): not OK opens; OK that names in brackets the capital state it left
     * and how long closes. Its host is the first host-like cell, its check the first other identifier before the state.
     * Tables of several rows stay summaries.
     */
    private static String[] oneRowState(String[] header, String row) {
        String[] cells = row.split("\\s+", header.length);
        if (cells.length != header.length) {
            return null;
        }
        int st = onlyCell(cells, 1, CAPS_CELL);
        if (st < 0) {
            return null;
        }
        String host = "";
        String check = "";
        for (int i = 0; i < st; i++) {
            if (host.isEmpty() && AlertNames.hostLike(cells[i])) {
                host = cells[i];
            } else if (check.isEmpty() && cells[i].matches("\\p{L}[\\w.:/-]*")) {
                check = cells[i];
            }
        }
        if (host.isEmpty() && check.isEmpty()) {
            return null;
        }
        // the cell's word read in any language first: a close ("VEGERIYA", back) ends the check's alert, a still-so
        // word updates it; only a cell no lexicon knows keeps reading as not OK (from two tools' one-row tables: a
        // Croatian one's "KRIT" / "OK (bilo KRIT 26 min)" and a Kurmanji one's "KET" / "VEGERIYA", blind set 46)
        Action said = StateWords.of(cells[st]);
        if (said == Action.CLOSE) {
            return new String[] {"recovered", check, host, row};
        }
        if (said == Action.NONE) {
            return null;
        }
        if (!cells[st].equalsIgnoreCase("ok")) {
            return new String[] {"failed", check, host, row};
        }
        String after = String.join(" ", Arrays.copyOfRange(cells, st + 1, cells.length));
        return OK_WAS_CAPS.matcher(after).find() ? new String[] {"recovered", check, host, row} : null;
    }

    /** The index of the one cell from {@code from} on that {@code cell} matches whole, or -1 when none or more do. */
    private static int onlyCell(String[] cells, int from, Pattern cell) {
        int found = -1;
        for (int i = from; i < cells.length; i++) {
            if (cell.matcher(cells[i]).matches()) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }
}
