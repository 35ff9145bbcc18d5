package dev.ratchet.core.storage;

import com.pgvector.PGvector;
import java.sql.Types;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.spi.JdbiPlugin;

/** Binds and maps pgvector's {@link PGvector} in JDBI (JDBI has no pgvector support of its own). */
public final class PgVectorPlugin implements JdbiPlugin {

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<PGvector>(Types.OTHER) {
            @Override
            protected Argument build(PGvector value, ConfigRegistry config) {
                return new VectorArgument(value);
            }
        });
        jdbi.registerColumnMapper(PGvector.class, (rs, column, ctx) -> {
            String text = rs.getString(column);
            return text == null ? null : new PGvector(text);
        });
    }

    /**
     * A vector bound as itself (pgvector's binary form). Its own {@link #toString} is what JDBI describes the argument
     * with (in a failed statement's message), so that the text is written only then: JDBI otherwise wraps an argument
     * whose class has none with that description made at once, the vector's 384 floats formatted as decimals for
     * every statement that binds one (about 1 % of the bot's CPU in {@code bench reply}, the search's query vector).
     */
    static final class VectorArgument implements Argument {
        private final PGvector value;

        VectorArgument(PGvector value) {
            this.value = value;
        }

        @Override
        public void apply(
                int position, java.sql.PreparedStatement statement, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            statement.setObject(position, value);
        }

        @Override
        public String toString() {
            return java.util.Objects.toString(value); // the description JDBI gave it before, written when asked for
        }
    }
}
