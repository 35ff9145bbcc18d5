package dev.ratchet.spi.kit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * JSON Schema keywords for one record component, read by {@link ToolInputs#schemaOf} (tool inputs and
 * {@link dev.ratchet.spi.LlmService#json(String, java.util.List, Class) LLM answers}) and honoured by
 * {@link ToolInputs#read}. On a list, {@code minItems}/{@code maxItems} bound the list and {@code minLength}/
 * {@code minimum} apply to its items. The defaults add nothing to the schema.
 *
 * <pre>
 * record Runbook(String overview, &#64;Schema(name = "root_causes", maxItems = 5) List&lt;String&gt; rootCauses) {}
 * </pre>
 *
 * @since 0.2
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Schema {

    /** The JSON property's name, when it is not the component's ({@code root_causes}). */
    String name() default "";

    /** What the property means, for the model. */
    String description() default "";

    /** The shortest string allowed; 0 for no bound. */
    int minLength() default 0;

    /** The fewest list items allowed; 0 for no bound. */
    int minItems() default 0;

    /** The most list items allowed; -1 for no bound. */
    int maxItems() default -1;

    /** The smallest number allowed; {@link Long#MIN_VALUE} for no bound. */
    long minimum() default Long.MIN_VALUE;
}
