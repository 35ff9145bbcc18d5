package dev.ratchet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGvector;
import org.junit.jupiter.api.Test;

/** The vector argument's description: the vector's text, as JDBI described it before, written only when asked for. */
class PgVectorPluginTest {

    @Test
    void a_bound_vector_is_described_by_its_text() {
        PGvector v = new PGvector(new float[] {0.5f, -1.25f, 3f});
        assertThat(new PgVectorPlugin.VectorArgument(v))
                .hasToString(v.toString())
                .hasToString("[0.5,-1.25,3.0]");
        // its class has its own toString: JDBI binds it as it is instead of wrapping it with a description made at once
        assertThat(PgVectorPlugin.VectorArgument.class.getDeclaredMethods())
                .anySatisfy(m -> assertThat(m.getName()).isEqualTo("toString"));
    }
}
