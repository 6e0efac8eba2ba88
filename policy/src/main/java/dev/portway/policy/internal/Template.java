package dev.portway.policy.internal;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A string with {@code ${cel}} interpolations, compiled once. A template that is exactly one interpolation
 * yields the expression's own value (bool, int...) from {@link #value}; otherwise the parts are joined as text.
 */
public final class Template {

    private final String text;
    private final String[] literals;
    private final CelRuntime.Program[] programs;

    private Template(String text, String[] literals, CelRuntime.Program[] programs) {
        this.text = text;
        this.literals = literals;
        this.programs = programs;
    }

    /** Compiles the template; problems go to {@code issues} under {@code field} and null is returned. */
    public static Template compile(String text, String field, Issues issues) {
        List<String> literals = new ArrayList<>();
        List<CelRuntime.Program> programs = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean ok = true;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("${", i)) {
                int end = closing(text, i + 2);
                if (end < 0) {
                    issues.expressionError(field, text.substring(i), 1, i + 1,
                            "'${' at column " + (i + 1) + " has no matching '}'");
                    return null;
                }
                String expression = text.substring(i + 2, end);
                if (expression.isBlank()) {
                    issues.expressionError(field, text, 1, i + 1, "empty interpolation '${}'");
                    ok = false;
                } else {
                    CelEnv.Compiled compiled = CelEnv.compileValue(expression);
                    for (CelEnv.Problem problem : compiled.problems()) {
                        issues.expressionError(field, expression, problem.line(), problem.column(),
                                problem.message());
                        ok = false;
                    }
                    programs.add(compiled.program());
                }
                literals.add(literal.toString());
                literal.setLength(0);
                i = end + 1;
            } else {
                literal.append(text.charAt(i));
                i++;
            }
        }
        literals.add(literal.toString());
        return ok ? new Template(text, literals.toArray(String[]::new), programs.toArray(CelRuntime.Program[]::new))
                : null;
    }

    /** Index of the '}' closing an interpolation whose expression starts at {@code from}, or -1. */
    private static int closing(String text, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    public boolean isConstant() {
        return programs.length == 0;
    }

    public String text() {
        return text;
    }

    /** The expression's value when the template is exactly one interpolation, else the rendered text. */
    public Object value(CelVariableResolver variables) throws CelEvaluationException {
        if (programs.length == 1 && literals[0].isEmpty() && literals[1].isEmpty()) {
            return programs[0].eval(variables);
        }
        return render(variables);
    }

    public String render(CelVariableResolver variables) throws CelEvaluationException {
        if (programs.length == 0) {
            return literals[0];
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < programs.length; i++) {
            out.append(literals[i]).append(format(programs[i].eval(variables)));
        }
        return out.append(literals[programs.length]).toString();
    }

    /** How CEL values read in text: ints as digits, timestamps as ISO-8601, the rest as Java prints them. */
    public static String format(Object value) {
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof com.google.protobuf.Timestamp ts) {
            return Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos()).toString();
        }
        return String.valueOf(value);
    }
}
