package app.liuke.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class OfferCodesTest {
    @Test
    void codesAreShortUnambiguousAndDoNotRepeat() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 20_000; i++) {
            String code = OfferCodes.newCode();
            assertTrue(code.matches("[2-9A-HJ-NP-Z]{8}"), code);
            seen.add(code);
        }
        assertEquals(20_000, seen.size(), "40 random bits: no repeats in 20,000");
    }

    @Test
    void typedCodesAreReadLeniently_andShownInTwoGroups() {
        assertEquals("ABCDEFGH", OfferCodes.normalize(" abcd-efgh "));
        assertEquals("ABCD-EFGH", OfferCodes.display("ABCDEFGH"));
        assertEquals("VIP2026", OfferCodes.display("VIP2026"));
        assertEquals("", OfferCodes.normalize("—？"));
    }
}
