package dev.portway.policy.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL environment of traffic policies: the variables, the functions, one compiler for rule expressions
 * (which must be bool), one for interpolations and bucket keys (any type), and the runtime. Built once per JVM;
 * every part is immutable and thread-safe.
 */
public final class CelEnv {

    /** Variable names, each declared as map(string, dyn): the values are plain Java maps. */
    public static final String CONN = "conn";
    public static final String ENDPOINT = "endpoint";
    public static final String TIME = "time";
    public static final String VARS = "vars";
    public static final String ACTIONS = "actions";

    /** The fields a policy may select below each variable; {@code null} leaves mean "a value". vars is free-form. */
    private static final Map<String, Object> KNOWN = Map.of(
            CONN, Map.of("client_ip", "", "client_port", "", "server_ip", "", "server_port", "",
                    "ts", Map.of("start", "")),
            ENDPOINT, Map.of("id", "", "url", "", "host", "", "port", "", "protocol", ""),
            TIME, Map.of("now", ""),
            ACTIONS, Map.of("ngrok", Map.of("restrict_ips", Map.of("allowed", "", "matched_cidr", "", "enforced", ""))));

    private static final CelType OBJECT = MapType.create(SimpleType.STRING, SimpleType.DYN);

    /** Limits that keep one expression cheap on the data path: its size, and the work of any comprehension. */
    public static final int MAX_EXPRESSION_LENGTH = 4096;
    public static final int MAX_COMPREHENSION_ITERATIONS = 1000;
    private static final CelOptions OPTIONS = CelOptions.current()
            .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
            .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS)
            .build();

    private static final CelCompiler BOOL_COMPILER = compiler().setResultType(SimpleType.BOOL).build();
    private static final CelCompiler ANY_COMPILER = compiler().build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .addFunctionBindings(
                    CelFunctionBinding.from("in_cidr_range_string_string", String.class, String.class,
                            CelEnv::inCidrRange),
                    CelFunctionBinding.from("in_cidr_ranges_string_list", String.class, List.class,
                            CelEnv::inCidrRanges))
            .build();

    private CelEnv() {
    }

    private static dev.cel.compiler.CelCompilerBuilder compiler() {
        return CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                // has(), all(), exists(), exists_one(), map(), filter()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar(CONN, OBJECT)
                .addVar(ENDPOINT, OBJECT)
                .addVar(TIME, OBJECT)
                .addVar(VARS, OBJECT)
                .addVar(ACTIONS, OBJECT)
                .addFunctionDeclarations(
                        CelFunctionDecl.newFunctionDeclaration("inCidrRange",
                                CelOverloadDecl.newGlobalOverload("in_cidr_range_string_string", SimpleType.BOOL,
                                        SimpleType.STRING, SimpleType.STRING)),
                        CelFunctionDecl.newFunctionDeclaration("inCidrRanges",
                                CelOverloadDecl.newGlobalOverload("in_cidr_ranges_string_list", SimpleType.BOOL,
                                        SimpleType.STRING, ListType.create(SimpleType.STRING))));
    }

    /** A compile problem, at a 1-based line and column of the expression. */
    public record Problem(int line, int column, String message) {
    }

    /** A compiled program, or the problems that kept it from compiling. */
    public record Compiled(CelRuntime.Program program, List<Problem> problems) {
    }

    /** Compiles a rule expression, which must be bool. */
    public static Compiled compileCondition(String expression) {
        return compile(BOOL_COMPILER, expression);
    }

    /** Compiles an interpolation or a bucket key: any type. */
    public static Compiled compileValue(String expression) {
        return compile(ANY_COMPILER, expression);
    }

    private static Compiled compile(CelCompiler compiler, String expression) {
        CelValidationResult result = compiler.compile(expression);
        List<Problem> problems = new ArrayList<>();
        if (result.hasError()) {
            for (CelIssue issue : result.getErrors()) {
                CelSourceLocation at = issue.getSourceLocation();
                problems.add(new Problem(Math.max(at.getLine(), 1), at.getColumn() + 1, issue.getMessage()));
            }
            return new Compiled(null, problems);
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = result.getAst();
        } catch (CelValidationException e) {
            return new Compiled(null, List.of(new Problem(1, 1, e.getMessage())));
        }
        checkReferences(ast, problems);
        if (!problems.isEmpty()) {
            return new Compiled(null, problems);
        }
        try {
            return new Compiled(RUNTIME.createProgram(ast), List.of());
        } catch (CelEvaluationException e) {
            return new Compiled(null, List.of(new Problem(1, 1, e.getMessage())));
        }
    }

    /**
     * CEL cannot type-check fields of map(string, dyn) variables, so a typo like {@code conn.client_pi} would only
     * fail per connection. This walk refuses unknown fields of conn, endpoint, time and actions at compile time,
     * and constant CIDRs given to inCidrRange(s) that do not parse.
     */
    private static void checkReferences(CelAbstractSyntaxTree ast, List<Problem> problems) {
        CelNavigableExpr.fromExpr(ast.getExpr()).allNodes().forEach(node -> {
            CelExpr expr = node.expr();
            switch (expr.exprKind().getKind()) {
                case SELECT -> checkSelect(ast, expr, problems);
                case CALL -> checkCidrArguments(ast, expr, problems);
                default -> {
                }
            }
        });
    }

    private static void checkSelect(CelAbstractSyntaxTree ast, CelExpr select, List<Problem> problems) {
        List<String> path = new ArrayList<>();
        CelExpr at = select;
        while (at.exprKind().getKind() == CelExpr.ExprKind.Kind.SELECT) {
            path.add(0, at.select().field());
            at = at.select().operand();
        }
        if (at.exprKind().getKind() != CelExpr.ExprKind.Kind.IDENT || !KNOWN.containsKey(at.ident().name())) {
            return;
        }
        String base = at.ident().name();
        Object node = KNOWN.get(base);
        StringBuilder name = new StringBuilder(base);
        for (int i = 0; i < path.size(); i++) {
            String field = path.get(i);
            boolean last = i == path.size() - 1;
            if (!(node instanceof Map<?, ?> fields) || !fields.containsKey(field)) {
                if (last) {
                    problems.add(at(ast, select, name + (node instanceof Map<?, ?> ? " has no field '" + field
                            + "'; known: " + known(name.toString(), (Map<?, ?>) node)
                            : " is a value, it has no field '" + field + "'")));
                }
                return;
            }
            node = fields.get(field);
            name.append('.').append(field);
        }
    }

    private static String known(String prefix, Map<?, ?> fields) {
        return fields.keySet().stream().map(k -> prefix + "." + k).sorted().reduce((a, b) -> a + ", " + b)
                .orElse("");
    }

    private static void checkCidrArguments(CelAbstractSyntaxTree ast, CelExpr call, List<Problem> problems) {
        String function = call.call().function();
        if (call.call().args().size() != 2) {
            return;
        }
        CelExpr second = call.call().args().get(1);
        if ("inCidrRange".equals(function)) {
            checkConstantCidr(ast, second, problems);
        } else if ("inCidrRanges".equals(function) && second.exprKind().getKind() == CelExpr.ExprKind.Kind.LIST) {
            second.list().elements().forEach(element -> checkConstantCidr(ast, element, problems));
        }
    }

    private static void checkConstantCidr(CelAbstractSyntaxTree ast, CelExpr expr, List<Problem> problems) {
        if (expr.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && expr.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
            try {
                Cidr.parse(expr.constant().stringValue());
            } catch (IllegalArgumentException e) {
                problems.add(at(ast, expr, e.getMessage()));
            }
        }
    }

    private static Problem at(CelAbstractSyntaxTree ast, CelExpr expr, String message) {
        Integer offset = ast.getSource().getPositionsMap().get(expr.id());
        Optional<CelSourceLocation> location = offset == null
                ? Optional.empty() : ast.getSource().getOffsetLocation(offset);
        return location.map(l -> new Problem(Math.max(l.getLine(), 1), l.getColumn() + 1, message))
                .orElseGet(() -> new Problem(1, 1, message));
    }

    private static Object inCidrRange(String ip, String cidr) throws CelEvaluationException {
        return parseCidr(cidr).contains(ipBytes(ip));
    }

    private static Object inCidrRanges(String ip, List<?> cidrs) throws CelEvaluationException {
        byte[] address = ipBytes(ip);
        for (Object cidr : cidrs) {
            if (parseCidr(String.valueOf(cidr)).contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] ipBytes(String ip) throws CelEvaluationException {
        Optional<byte[]> bytes = Cidr.ipBytes(ip);
        if (bytes.isEmpty()) {
            throw new CelEvaluationException("'" + ip + "' is not an IP address");
        }
        return bytes.get();
    }

    private static Cidr parseCidr(String cidr) throws CelEvaluationException {
        try {
            return Cidr.cached(cidr);
        } catch (IllegalArgumentException e) {
            throw new CelEvaluationException(e.getMessage());
        }
    }
}
