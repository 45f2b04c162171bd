package app.liuke.customer.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells how a CSV file is encoded: UTF-8 (with or without BOM) or GBK/GB18030, which is what Excel
 * on a Chinese Windows saves. Reads only the first megabyte.
 */
public final class TextDecoding {
    static final Charset GB18030 = Charset.forName("GB18030");
    private static final int SAMPLE = 1 << 20;

    private TextDecoding() {
    }

    public static Charset detect(Path file) throws IOException {
        byte[] sample;
        try (InputStream in = Files.newInputStream(file)) {
            sample = in.readNBytes(SAMPLE);
        }
        if (sample.length >= 3 && (sample[0] & 0xff) == 0xEF && (sample[1] & 0xff) == 0xBB && (sample[2] & 0xff) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        int length = sample.length == SAMPLE ? completeUtf8Prefix(sample) : sample.length;
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(sample, 0, length));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return GB18030;
        }
    }

    /** Cuts a sample so it does not end in the middle of a multi-byte UTF-8 character. */
    private static int completeUtf8Prefix(byte[] sample) {
        int end = sample.length;
        int back = 0;
        while (back < 4 && end - back - 1 >= 0 && (sample[end - back - 1] & 0xC0) == 0x80) {
            back++;
        }
        return Math.max(0, end - back - 1);
    }
}
