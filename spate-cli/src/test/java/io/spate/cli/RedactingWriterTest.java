package io.spate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactingWriterTest {

    @Test
    void aSecretWrittenInPiecesIsHiddenWhenTheLineEnds() {
        Redactor redactor = new Redactor();
        redactor.addAll(List.of("hunter22"));
        StringWriter target = new StringWriter();
        PrintWriter out = new PrintWriter(new RedactingWriter(target, redactor));

        out.print("password=hun");
        out.print("ter22;");
        out.println(" done");
        out.print("again hunter22");
        out.flush();

        assertThat(target.toString()).isEqualTo("password=****; done" + System.lineSeparator() + "again ****");
    }

    @Test
    void aLongerSecretContainingAShorterOneIsHiddenWhole() {
        Redactor redactor = new Redactor();
        redactor.addAll(List.of("abc", "abcdef-123"));

        assertThat(redactor.redact("x abcdef-123 y abc z")).isEqualTo("x **** y **** z");
    }

    @Test
    void blankAndVeryShortValuesAreNotTreatedAsSecrets() {
        Redactor redactor = new Redactor();
        redactor.addAll(List.of("", "  ", "ab"));

        assertThat(redactor.redact("ab cd")).isEqualTo("ab cd");
    }
}
