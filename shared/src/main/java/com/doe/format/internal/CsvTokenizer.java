package com.doe.format.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits UTF-8 CSV bytes into records and fields without decoding them: it finds the delimiter, quote,
 * CR and LF bytes eight at a time in a {@code long} and looks only at those bytes one by one. A field is
 * a slice of {@link #buffer()} with its quotes removed and {@code ""} unescaped in place, so typing a
 * field needs no {@code String}. On the ingest benchmark's rows this takes between half and two thirds
 * of the time FastCSV takes to decode and split the same bytes.
 *
 * <p>Records, fields and line numbers are exactly what FastCSV 3.4.0 yields when configured as
 * {@link CsvRecordSource} configures it (empty lines skipped, any field count, a leading UTF-8 byte
 * order mark dropped), quirks included; see the comments in {@link #runGeneral()} and
 * {@link #endOfInput()}. The differential test holds the two side by side.
 *
 * <p>One {@link #scan()} finds the records the buffer holds (up to a few hundred) in a tight loop, and
 * {@link #next()} then steps through them. The delimiter and the quote must be ASCII and differ from
 * each other, CR and LF. Not thread-safe. This class is larger than the house's usual: the loops need
 * their state at hand, and splitting it across objects costs the JIT its registers.
 */
public final class CsvTokenizer implements CsvCursor {

    /** Largest record, in bytes, the tokenizer holds; a longer one makes {@link #next()} throw {@link TooLong}. */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    /** Added to a byte below 0x80, sets its high bit unless the byte is below CR + 1. */
    private static final long BELOW_CR = (0x80 - (CR + 1)) * ONES;
    private static final int INITIAL_CAPACITY = 1 << 16;
    /** Bytes after the data's capacity, so that a word can be read at any position below the limit. */
    private static final int PAD = Long.BYTES;
    /** Records one scan finds at most. */
    private static final int RECORDS = 256;
    /** Flags in {@link #lines}: the record has a non-ASCII byte, or may have (one in a dropped field). */
    private static final long NON_ASCII = 1L << 62;
    private static final long CHECK_ASCII = 1L << 61;
    private static final long LINE = CHECK_ASCII - 1;

    /** Outside quotes: the field is empty so far or unquoted data; a quote only opens a field at its start. */
    private static final int PLAIN = 0;
    /** Inside quotes: only a quote is special; CR and LF are data and count as lines. */
    private static final int QUOTED = 1;
    /** After a closing quote: text up to the next delimiter joins the field, a quote reopens the quotes. */
    private static final int CLOSED = 2;

    // Why a run stops.
    /** At {@link #scanEnd}: room in the arrays or more input is needed. */
    private static final int SEGMENT_END = 0;
    /** At a closing quote that has content to move down over a removed quote first. */
    private static final int CLOSE_AFTER_ESCAPE = 1;
    /** At the end of a quoted field with text after its closing quote, to be moved down first. */
    private static final int END_AFTER_TEXT = 2;
    /** At the end of a record longer than the limit. */
    private static final int TOO_LONG = 3;
    /** {@link #runPlain()} met a quote: the general run takes over. */
    private static final int QUOTE = 4;
    /** {@link #runGeneral()} ended a record without quotes: the plain run takes over. */
    private static final int UNQUOTED_RECORD = 5;

    private final InputStream in;
    private final byte delimiter;
    private final byte quote;
    private final long delimiters;
    private final long quotes;
    private final int maxRecordBytes;
    /** Bytes written after {@link #limit}: none of them is an event, so the last word needs no mask. */
    private final byte filler;

    private byte[] buf;
    /** End of the bytes read into {@link #buf}. */
    private int limit;
    private boolean eof;

    // The records of the last scan. Record r's fields are k = ends[r] until ends[r + 1]; field k starts at
    // spans[k] >>> 32 and has (int) spans[k] bytes (one store per field). lines[r] is the record's line
    // and ASCII flags.
    private long[] spans = new long[4096];
    private final int[] ends = new int[RECORDS + 1];
    private final long[] lines = new long[RECORDS];
    private int records;
    /** Fields stored, including those of the record in progress after the last complete one. */
    private int fieldCount;
    private int cursor = -1;
    /** Index of the current record's first field. */
    private int base;
    /**
     * Ascending positions inside fields where a closing quote was removed between two non-ASCII bytes:
     * the bytes on each side are decoded apart, as a character decoder did with the quote between them.
     */
    private int[] seams = new int[8];
    private int seamCount;
    private TooLong failure;
    private boolean finished;
    private boolean started;
    /** Whether {@link #runGeneral()} rather than {@link #runPlain()} goes on with the scan. */
    private boolean general;

    // The state machine, between runs. Positions are in buf.
    /** Next word to read. */
    private int scanPos;
    /** Where the run stops to check room and input. */
    private int scanEnd;
    /** Events of the word before {@link #scanPos} not handled yet, one high bit per byte. */
    private long wordMask;
    /** The event a run stopped at. */
    private int eventAt;
    /** Where the current field's bytes start (its opening quote, if quoted). */
    private int fieldStart;
    private int mode = PLAIN;
    private int recordStart;
    private int recordFirstField;
    /** After a record ended with CR: where an LF belongs to that CR. */
    private int lfToSkip = -1;
    /** A quoted field's content start, just after its opening quote. */
    private int contentStart;
    /** End of a quoted field's content kept so far, quotes removed. */
    private int kept;
    /** Start of a quoted field's content not yet moved down to {@link #kept}. */
    private int pending;
    /** 1 + the line breaks inside quotes so far. */
    private int lineBreaks = 1;
    private boolean crInQuotes;
    private boolean discarded;
    private boolean nonAscii;
    /** Line where the record in progress starts. */
    private long line = 1;

    /** Whether a file of {@code charset} with these delimiter and quote characters can be read by this class. */
    static boolean reads(java.nio.charset.Charset charset, char delimiter, char quote) {
        return charset.equals(StandardCharsets.UTF_8) && delimiter < 0x80 && quote < 0x80 && delimiter != quote
                && delimiter != CR && delimiter != LF && quote != CR && quote != LF;
    }

    public CsvTokenizer(InputStream in, byte delimiter, byte quote) {
        this(in, delimiter, quote, MAX_RECORD_BYTES, INITIAL_CAPACITY);
    }

    /** With a smaller record limit or first buffer, so that tests reach both quickly. */
    CsvTokenizer(InputStream in, byte delimiter, byte quote, int maxRecordBytes, int initialCapacity) {
        if (delimiter < 0 || quote < 0 || delimiter == quote || delimiter == CR || delimiter == LF || quote == CR
                || quote == LF) {
            throw new IllegalArgumentException("Delimiter and quote must be distinct ASCII characters other than CR and LF");
        }
        this.in = in;
        this.delimiter = delimiter;
        this.quote = quote;
        this.delimiters = delimiter * ONES;
        this.quotes = quote * ONES;
        this.maxRecordBytes = maxRecordBytes;
        this.buf = new byte[Math.min(initialCapacity, maxRecordBytes + 1) + PAD];
        this.filler = (byte) (delimiter != 'a' && quote != 'a' ? 'a' : delimiter != 'b' && quote != 'b' ? 'b' : 'c');
        Arrays.fill(buf, 0, PAD, filler);
    }

    /**
     * Advances to the next record, skipping empty lines; false at the end of the input.
     *
     * @throws TooLong when a record exceeds {@link #MAX_RECORD_BYTES} (typically an unterminated quote);
     *     the tokenizer is unusable afterwards
     * @throws UncheckedIOException when the stream fails
     */
    @Override
    public boolean next() {
        int c = cursor + 1;
        if (c < records) {
            cursor = c;
            base = ends[c];
            return true;
        }
        return nextBatch();
    }

    /**
     * 1-based physical line where the current record starts, counting CR, LF and CRLF as one line break
     * each, as an editor shows it; like FastCSV, it counts one line too few for each LF inside quotes
     * that follows a CR inside the same quotes with other bytes between them.
     */
    @Override
    public long line() {
        return lines[cursor] & LINE;
    }

    /** Number of fields of the current record. */
    @Override
    public int count() {
        return ends[cursor + 1] - base;
    }

    /** Holds the current record's field bytes; valid until {@link #next()}. */
    @Override
    public byte[] buffer() {
        return buf;
    }

    /** Offset of the field's bytes in {@link #buffer()}, quotes removed and {@code ""} unescaped. */
    @Override
    public int start(int field) {
        return (int) (spans[base + field] >>> 32);
    }

    @Override
    public int length(int field) {
        return (int) spans[base + field];
    }

    /**
     * Whether every byte of the current record's fields is below 0x80 (then they need no UTF-8
     * validation). The other bytes of a record are ASCII too, but for a field FastCSV drops after a CR
     * inside quotes (see the quirks at {@code runGeneral}), which does not count.
     */
    @Override
    public boolean ascii() {
        long l = lines[cursor];
        return (l & NON_ASCII) == 0 && ((l & CHECK_ASCII) == 0 || fieldsAscii(base, ends[cursor + 1]));
    }

    /** The field decoded as UTF-8, malformed bytes replaced by U+FFFD (same as {@code InputStreamReader} does). */
    @Override
    public String text(int field) {
        int from = start(field);
        int end = from + length(field);
        if (ascii()) {
            return new String(buf, from, end - from, StandardCharsets.ISO_8859_1);
        }
        StringBuilder text = null;
        for (int k = seamAfter(from); k < seamCount && seams[k] < end; k++) {
            text = text == null ? new StringBuilder() : text;
            text.append(new String(buf, from, seams[k] - from, StandardCharsets.UTF_8));
            from = seams[k];
        }
        String rest = new String(buf, from, end - from, StandardCharsets.UTF_8);
        return text == null ? rest : text.append(rest).toString();
    }

    @Override
    public boolean joined(int field) {
        int from = start(field);
        int k = seamAfter(from);
        return k < seamCount && seams[k] < from + length(field);
    }

    /** Closes the stream. */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean nextBatch() {
        if (failure != null) {
            throw failure;
        }
        if (finished) {
            return false;
        }
        if (!started) {
            started = true;
            skipByteOrderMark();
        }
        scan();
        if (records > 0) {
            cursor = 0;
            base = 0;
            return true;
        }
        if (failure != null) {
            throw failure;
        }
        return false;
    }

    /**
     * Finds the records after the last scan's: all those the buffer holds, or more after reading when
     * it holds none; at least one unless the input ends or a record is too long.
     */
    private void scan() {
        keepRecordInProgress();
        for (;;) {
            switch (general ? runGeneral() : runPlain()) {
                case SEGMENT_END -> {
                    if (!nextSegment()) {
                        return;
                    }
                }
                case QUOTE -> general = true;
                case UNQUOTED_RECORD -> general = false;
                case CLOSE_AFTER_ESCAPE -> {
                    kept = moveSegment(contentStart, kept, pending, eventAt);
                    pending = eventAt + 1;
                    mode = CLOSED;
                    wordMask &= wordMask - 1;
                }
                case END_AFTER_TEXT -> {
                    // The run handles the event again, now with nothing pending.
                    kept = moveSegment(contentStart, kept, pending, eventAt);
                    pending = eventAt;
                }
                default -> {
                    failure = new TooLong(line, maxRecordBytes);
                    return;
                }
            }
        }
    }

    /**
     * Runs the state machine from {@link #scanPos} to {@link #scanEnd} over fields without quotes, the
     * common case, until a quote; returns why it stopped. Each word yields the positions of the
     * delimiter, quote, CR and LF bytes, exactly (nothing carries between bytes, so no false positives),
     * and of the first byte of each run of non-ASCII bytes. The loop calls nothing but small methods the
     * JIT inlines, and it keeps few locals: otherwise the JIT keeps them on the stack instead of in
     * registers, which costs about a third more time.
     */
    private int runPlain() {
        final byte[] b = buf;
        final long[] sp = spans;
        final byte d = delimiter;
        int p = scanPos;
        long m = wordMask;
        int f = fieldStart;
        int k = fieldCount;
        int why;
        events:
        for (;;) {
            while (m != 0) {
                int i = p - Long.BYTES + (Long.numberOfTrailingZeros(m) >>> 3);
                byte c = b[i];
                if (c == d) {
                    sp[k++] = span(f, i - f);
                    f = i + 1;
                } else if (c < 0) {
                    nonAscii = true;
                } else if (c == quote) {
                    why = QUOTE;
                    break events;
                } else if (c == LF && i == lfToSkip) {
                    f = i + 1;
                    recordStart = f;
                } else if (c == LF || c == CR) {
                    // A lone empty field is an empty line, skipped.
                    if (i != f || k != recordFirstField) {
                        sp[k++] = span(f, i - f);
                    }
                    if (!endRecord(k, i, c == CR)) {
                        why = TOO_LONG;
                        break events;
                    }
                    f = i + 1;
                }
                m &= m - 1;
            }
            if (p >= scanEnd) {
                why = SEGMENT_END;
                break;
            }
            m = events((long) WORD.get(b, p));
            p += Long.BYTES;
        }
        scanPos = p;
        wordMask = m;
        fieldStart = f;
        fieldCount = k;
        return why;
    }

    /**
     * Runs the whole state machine from {@link #scanPos} to {@link #scanEnd}, or to an event it leaves
     * to {@link #scan()}, or to the end of a record without quotes; returns why it stopped.
     */
    private int runGeneral() {
        final byte[] b = buf;
        final long[] sp = spans;
        final byte d = delimiter;
        int p = scanPos;
        long m = wordMask;
        int f = fieldStart;
        int k = fieldCount;
        int state = mode;
        boolean sawQuote = true;
        int why;
        events:
        for (;;) {
            while (m != 0) {
                int i = p - Long.BYTES + (Long.numberOfTrailingZeros(m) >>> 3);
                byte c = b[i];
                if (c == d) {
                    if (state == PLAIN) {
                        sp[k++] = span(f, i - f);
                        f = i + 1;
                    } else if (state == CLOSED) {
                        if (i != pending) {
                            why = END_AFTER_TEXT;
                            eventAt = i;
                            break events;
                        }
                        sp[k++] = span(contentStart, kept - contentStart);
                        f = i + 1;
                        state = PLAIN;
                        crInQuotes = false;
                    }
                } else if (c == quote) {
                    sawQuote = true;
                    if (state == QUOTED) {
                        if (kept != pending) {
                            why = CLOSE_AFTER_ESCAPE;
                            eventAt = i;
                            break events;
                        }
                        kept = i;
                        pending = i + 1;
                        state = CLOSED;
                    } else if (state == CLOSED) {
                        state = QUOTED;
                        crInQuotes = false;
                    } else if (i == f) {
                        state = QUOTED;
                        contentStart = i + 1;
                        kept = i + 1;
                        pending = i + 1;
                    }
                } else if (c < 0) {
                    nonAscii = true;
                } else if (c != CR && c != LF) {
                    // another control byte (tab...): data
                } else if (state == QUOTED) {
                    if (c == CR) {
                        lineBreaks++;
                        crInQuotes = true;
                    } else if (crInQuotes) {
                        // FastCSV takes any LF after a CR in the same quoted stretch for that CR's CRLF,
                        // even with other bytes between them, and counts no line for it.
                        crInQuotes = false;
                    } else {
                        lineBreaks++;
                    }
                } else if (c == LF && crInQuotes) {
                    // FastCSV quirk, mirrored: a CR inside the quotes is still pending when an LF ends the
                    // quoted field, which takes that LF for the second half of a CRLF: the field is dropped
                    // and the record goes on with the next line's bytes.
                    f = i + 1;
                    state = PLAIN;
                    crInQuotes = false;
                    discarded = true;
                } else if (c == LF && i == lfToSkip) {
                    f = i + 1;
                    recordStart = f;
                } else {
                    // The record ends at i; a lone empty unquoted field is an empty line, skipped.
                    if (state == PLAIN) {
                        if (i != f || k != recordFirstField) {
                            sp[k++] = span(f, i - f);
                        }
                    } else if (i != pending) {
                        why = END_AFTER_TEXT;
                        eventAt = i;
                        break events;
                    } else {
                        sp[k++] = span(contentStart, kept - contentStart);
                    }
                    if (!endRecord(k, i, c == CR)) {
                        why = TOO_LONG;
                        break events;
                    }
                    f = i + 1;
                    state = PLAIN;
                    if (!sawQuote) {
                        m &= m - 1;
                        why = UNQUOTED_RECORD;
                        break events;
                    }
                    sawQuote = false;
                }
                m &= m - 1;
            }
            if (p >= scanEnd) {
                why = SEGMENT_END;
                break;
            }
            m = events((long) WORD.get(b, p));
            p += Long.BYTES;
        }
        scanPos = p;
        wordMask = m;
        fieldStart = f;
        fieldCount = k;
        mode = state;
        return why;
    }

    /**
     * One high bit for each byte of {@code word} (in memory order, lowest first) that is the delimiter,
     * the quote or a control byte up to CR (LF, CR, tab...), and for the first byte of each run of
     * non-ASCII bytes. The matches are exact: nothing carries from one byte into the next, so no byte
     * is flagged for its neighbour's sake. Taking every control byte up to CR instead of LF and CR
     * alone saves three of the fifteen operations; the runs skip the others, which are rare in CSV.
     */
    private long events(long word) {
        long x = word & LOW7;
        long m = ~((((x ^ delimiters) + LOW7) & ((x ^ quotes) + LOW7) & (x + BELOW_CR)) | word) & HIGH;
        long h = word & HIGH;
        // A branch, not arithmetic: ASCII text never takes it, and it saves a tenth of the time there.
        if (h != 0) {
            m |= h & ~(h << 8);
        }
        return m;
    }

    /**
     * Stores the record that ends at {@code end} with its fields up to {@code k} (none for an empty
     * line, which is skipped) and starts the next; false when the record is too long.
     */
    private boolean endRecord(int k, int end, boolean endsWithCr) {
        int rf = recordFirstField;
        if (k != rf) {
            if (end - recordStart > maxRecordBytes) {
                return false;
            }
            int rc = records;
            ends[rc + 1] = k;
            // A dropped field may have held the record's only non-ASCII bytes: ascii() checks.
            lines[rc] = !nonAscii ? line : discarded ? line | CHECK_ASCII : line | NON_ASCII;
            records = rc + 1;
            recordFirstField = k;
            if (rc + 1 + Long.BYTES >= RECORDS) {
                scanEnd = 0; // the arrays are full after this word
            }
        }
        line += lineBreaks;
        lineBreaks = 1;
        nonAscii = false;
        discarded = false;
        crInQuotes = false;
        recordStart = end + 1;
        if (endsWithCr) {
            lfToSkip = end + 1;
        }
        return true;
    }

    /**
     * Sets where the next run stops, first reading more input when the buffer is used up; false when
     * the scan is done: the arrays are nearly full, or the buffer is used up and holds records, or the
     * input ended.
     */
    private boolean nextSegment() {
        for (;;) {
            // The last word may have run past the data into the filler.
            int p = Math.min(scanPos, limit);
            scanPos = p;
            if (p < limit) {
                // A byte ends at most one field; a word ends up to 7 more past scanEnd. The run stops
                // itself when the records are nearly full.
                int room = spans.length - Long.BYTES - fieldCount;
                if (room >= 64 && records + Long.BYTES < RECORDS) {
                    scanEnd = Math.min(limit, p + room);
                    return true;
                }
                if (records > 0) {
                    return false;
                }
                spans = Arrays.copyOf(spans, spans.length * 2);
                continue;
            }
            if (records > 0) {
                return false;
            }
            if (!fill()) {
                finished = true;
                endOfInput();
                return false;
            }
        }
    }

    /** Ends the last record at the end of the input, if there is one. */
    private void endOfInput() {
        int end = limit;
        int f = fieldStart;
        if (mode != PLAIN) {
            int e = kept == pending ? end : moveSegment(contentStart, kept, pending, end);
            f = contentStart;
            // An unterminated field whose last byte is a quote that reopened it: FastCSV drops that quote.
            end = mode == QUOTED && e > f && buf[e - 1] == quote ? e - 1 : e;
        } else if (f == end && (f == recordStart || buf[f - 1] != delimiter)) {
            // Nothing after the last line break. As in FastCSV, this also loses a record whose last
            // field was dropped (see runGeneral()) right before the end of the input.
            return;
        }
        int k = fieldCount;
        if (k == spans.length) {
            spans = Arrays.copyOf(spans, k * 2);
        }
        spans[k] = span(f, end - f);
        fieldCount = k + 1;
        if (!endRecord(k + 1, limit, false)) {
            failure = new TooLong(line, maxRecordBytes);
        }
    }

    /** Moves the fields of the record in progress to the front of {@link #spans}; forgets the records before. */
    private void keepRecordInProgress() {
        int from = ends[records];
        if (from > 0) {
            System.arraycopy(spans, from, spans, 0, fieldCount - from);
            fieldCount -= from;
        }
        int firstSeam = seamAfter(recordStart - 1);
        if (firstSeam > 0) {
            System.arraycopy(seams, firstSeam, seams, 0, seamCount - firstSeam);
            seamCount -= firstSeam;
        }
        records = 0;
        recordFirstField = 0;
        cursor = -1;
        ends[0] = 0;
    }

    private static long span(int start, int length) {
        return (long) start << 32 | length;
    }

    /** Moves the content between {@code seg} and {@code end} down to {@code w}, over removed quotes; returns the new end. */
    private int moveSegment(int cs, int w, int seg, int end) {
        int length = end - seg;
        if (length > 0) {
            if (w > cs && buf[w - 1] < 0 && buf[seg] < 0) {
                if (seamCount == seams.length) {
                    seams = Arrays.copyOf(seams, seamCount * 2);
                }
                seams[seamCount++] = w;
            }
            System.arraycopy(buf, seg, buf, w, length);
        }
        return w + length;
    }

    /** Index of the first seam after {@code position}. */
    private int seamAfter(int position) {
        int lo = 0;
        int hi = seamCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (seams[mid] <= position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private boolean fieldsAscii(int from, int to) {
        long bits = 0;
        for (int k = from; k < to; k++) {
            for (int i = (int) (spans[k] >>> 32), end = i + (int) spans[k]; i < end; i++) {
                bits |= buf[i];
            }
        }
        return bits >= 0;
    }

    private void skipByteOrderMark() {
        while (limit < 3 && fill()) {
            // a stream may hand out fewer than three bytes at first
        }
        if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
            scanPos = 3;
            fieldStart = 3;
            recordStart = 3;
        }
    }

    /**
     * Moves the record in progress to the front of the buffer, shifting every position that points
     * into it, then reads more bytes after it, growing the buffer when that record fills it; false at
     * the end of the input. Called only when the current word's events are all handled.
     */
    private boolean fill() {
        int from = recordStart;
        if (limit - from > maxRecordBytes) {
            failure = new TooLong(line, maxRecordBytes);
            throw failure;
        }
        if (from > 0) {
            System.arraycopy(buf, from, buf, 0, limit - from);
            limit -= from;
            for (int k = 0; k < fieldCount; k++) {
                spans[k] -= (long) from << 32;
            }
            for (int k = 0; k < seamCount; k++) {
                seams[k] -= from;
            }
            scanPos -= from;
            fieldStart -= from;
            recordStart = 0;
            lfToSkip -= from;
            contentStart -= from;
            kept -= from;
            pending -= from;
        }
        int capacity = buf.length - PAD;
        if (!eof && limit == capacity) {
            buf = Arrays.copyOf(buf, (int) Math.min(2L * capacity, maxRecordBytes + 1L) + PAD);
            capacity = buf.length - PAD;
        }
        try {
            int n = 0;
            while (!eof && n == 0) {
                n = in.read(buf, limit, capacity - limit);
                if (n < 0) {
                    eof = true;
                } else {
                    limit += n;
                }
            }
            Arrays.fill(buf, limit, limit + PAD, filler);
            return n > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the CSV input: " + e.getMessage(), e);
        }
    }

    /** A record longer than the tokenizer holds, nearly always from a quote that is opened and never closed. */
    public static final class TooLong extends CsvCursor.Unparseable {

        private final long line;

        TooLong(long line, int maxBytes) {
            super("The CSV record at line " + line + " exceeds " + maxBytes + " bytes; look for an unterminated quote "
                    + "at or after that line (an opening quote without its closing quote makes the rest of the file one field)", null);
            this.line = line;
        }

        /** The line where the record starts. */
        public long line() {
            return line;
        }
    }
}
