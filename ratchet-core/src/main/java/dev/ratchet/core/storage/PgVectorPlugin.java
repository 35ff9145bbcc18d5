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
                return (position, statement, ctx) -> statement.setObject(position, value);
            }
        });
        jdbi.registerColumnMapper(PGvector.class, (rs, column, ctx) -> {
            String text = rs.getString(column);
            return text == null ? null : new PGvector(text);
        });
    }
}
