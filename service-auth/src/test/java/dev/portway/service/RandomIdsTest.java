package dev.portway.service;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomIdsTest {

    @Test
    void shouldWriteThePrefixThen128BitsInLowerCaseBase32() {
        String id = RandomIds.newId("ad_");
        assertTrue(id.matches("ad_[a-z2-7]{26}"), id);
    }

    @Test
    void shouldNeverRepeatAnId() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RandomIds.newId("cep_"));
        }
        assertEquals(10_000, ids.size());
    }
}
