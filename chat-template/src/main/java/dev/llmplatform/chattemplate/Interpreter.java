package dev.llmplatform.chattemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs parsed statements for one render: output buffers, the work and size limits, and jinja2's scoping (a loop
 * iteration, macro call, {@code with} or block body gets its own frame; {@code if} does not).
 */
final class Interpreter {

    enum Signal { NORMAL, BREAK, CONTINUE }

    /** What a macro call costs of the work budget: it does about as much as ten loop iterations. */
    static final int MACRO_CALL_STEPS = 10;

    private final ChatTemplateOptions options;
    private final Evaluator evaluator;
    /** Null in plain renders; in tracked renders, where the characters of each string came from. */
    private final Provenance provenance;
    private Output out;
    private long steps;
    private long pendingChars;
    private int callDepth;

    Interpreter(ChatTemplateOptions options, Provenance provenance) {
        this.options = options;
        this.provenance = provenance;
        this.evaluator = new Evaluator(this, provenance);
    }

    int maxOutputChars() {
        return options.maxOutputChars();
    }

    Evaluator evaluator() {
        return evaluator;
    }

    String render(List<Node> body, Scope root) {
        out = new Output(this, false);
        exec(body, root);
        return out.toString();
    }

    /** Renders with the request-owned characters marked; only for an interpreter made with a provenance. */
    RenderedPrompt renderTracked(List<Node> body, Scope root) {
        out = new Output(this, true);
        exec(body, root);
        return new RenderedPrompt(out.toString(), out.fromRequest());
    }

    /** Charges {@code n} units of work; fails once the budget is spent. */
    void step(long n) {
        steps += n;
        if (steps > options.maxIterations()) {
            throw PyException.limit("the template exceeded its work limit of " + options.maxIterations()
                    + " steps (loop iterations, macro calls, items processed)");
        }
    }

    /** Charges building a string of {@code n} characters: one step per 256. */
    void chargeChars(long n) {
        pendingChars += n;
        if (pendingChars >= 256) {
            step(pendingChars / 256);
            pendingChars %= 256;
        }
    }

    /** Fails when a string, buffer or list of {@code size} would exceed the output limit. */
    void checkSize(long size) {
        if (size > options.maxOutputChars()) {
            throw PyException.limit("the template built a value or output larger than the limit of "
                    + options.maxOutputChars() + " characters");
        }
    }

    Signal exec(List<Node> body, Scope scope) {
        for (Node node : body) {
            Signal signal;
            try {
                signal = exec(node, scope);
            } catch (PyException e) {
                e.setLineIfUnknown(node.line());
                throw e;
            }
            if (signal != Signal.NORMAL) {
                return signal;
            }
        }
        return Signal.NORMAL;
    }

    private Signal exec(Node node, Scope scope) {
        if (node instanceof Node.Text t) {
            out.append(t.text());
        } else if (node instanceof Node.Print p) {
            print(evaluator.eval(p.expr(), scope));
        } else if (node instanceof Node.If n) {
            for (Node.Branch branch : n.branches()) {
                if (Py.truthy(evaluator.eval(branch.condition(), scope))) {
                    return exec(branch.body(), scope);
                }
            }
            return exec(n.orElse(), scope);
        } else if (node instanceof Node.For f) {
            execFor(f, scope);
        } else if (node instanceof Node.Set s) {
            assign(s.target(), evaluator.eval(s.value(), scope), scope);
        } else if (node instanceof Node.SetBlock s) {
            Object value = renderToString(s.body(), scope.child());
            for (Expr.Filter filter : s.filters()) {
                value = evaluator.applyFilter(filter, value, scope);
            }
            assign(s.target(), value, scope);
        } else if (node instanceof Node.MacroDef m) {
            scope.set(m.name(), new Macro(m.name(), m.signature(), m.body(), scope));
        } else if (node instanceof Node.CallBlock c) {
            Macro caller = new Macro("caller", c.callerSignature(), c.body(), scope);
            print(evaluator.call(c.call(), scope, caller));
        } else if (node instanceof Node.FilterBlock f) {
            Object value = renderToString(f.body(), scope.child());
            for (Expr.Filter filter : f.filters()) {
                value = evaluator.applyFilter(filter, value, scope);
            }
            print(value);
        } else if (node instanceof Node.With w) {
            Scope inner = scope.child();
            List<Object> values = new ArrayList<>();
            for (Expr value : w.values()) {
                values.add(evaluator.eval(value, scope));
            }
            for (int i = 0; i < values.size(); i++) {
                assign(w.targets().get(i), values.get(i), inner);
            }
            return exec(w.body(), inner);
        } else if (node instanceof Node.Block b) {
            return exec(b.body(), scope.child());
        } else if (node instanceof Node.Break) {
            return Signal.BREAK;
        } else if (node instanceof Node.Continue) {
            return Signal.CONTINUE;
        }
        return Signal.NORMAL;
    }

    /** Writes {@code str(value)}; in a tracked render with its request-owned characters. */
    private void print(Object value) {
        String text = Py.str(value);
        if (provenance == null) {
            out.append(text);
        } else {
            out.append(text, provenance.maskOf(value));
        }
    }

    private void execFor(Node.For f, Scope scope) {
        Object iterable = evaluator.eval(f.iterable(), scope);
        List<Object> items = Iteration.list(iterable);
        if (provenance != null && iterable instanceof String s) {
            ProvenanceRules.chars(provenance, s, items);
        }
        if (f.filter() != null) {
            List<Object> kept = new ArrayList<>();
            for (Object item : items) {
                step(1);
                Scope probe = scope.child();
                assign(f.target(), item, probe);
                if (Py.truthy(evaluator.eval(f.filter(), probe))) {
                    kept.add(item);
                }
            }
            items = kept;
        }
        if (items.isEmpty()) {
            exec(f.orElse(), scope.child());
            return;
        }
        LoopContext loop = new LoopContext(items);
        for (int i = 0; i < items.size(); i++) {
            step(1);
            loop.advance(i);
            Scope iteration = scope.child();
            iteration.set("loop", loop);
            assign(f.target(), items.get(i), iteration);
            if (exec(f.body(), iteration) == Signal.BREAK) {
                break;
            }
        }
    }

    void assign(Node.Target target, Object value, Scope scope) {
        if (target instanceof Node.NameTarget n) {
            scope.set(n.name(), value);
        } else if (target instanceof Node.AttrTarget a) {
            Object object = scope.lookup(a.object());
            if (!(object instanceof Namespace ns)) {
                throw PyException.runtime("cannot assign attribute on non-namespace object");
            }
            ns.attributes.put(a.attribute(), value);
        } else if (target instanceof Node.TupleTarget t) {
            List<Object> items = Iteration.list(value);
            if (items.size() != t.items().size()) {
                throw PyException.value(items.size() < t.items().size()
                        ? "not enough values to unpack (expected " + t.items().size() + ", got " + items.size() + ")"
                        : "too many values to unpack (expected " + t.items().size() + ")");
            }
            for (int i = 0; i < items.size(); i++) {
                assign(t.items().get(i), items.get(i), scope);
            }
        }
    }

    String renderToString(List<Node> body, Scope scope) {
        Output saved = out;
        out = new Output(this, provenance != null);
        try {
            exec(body, scope);
            String text = out.toString();
            return provenance == null ? text : provenance.record(text, out.fromRequest());
        } finally {
            out = saved;
        }
    }

    String renderMacroBody(Macro macro, List<Node> body, Scope frame) {
        if (callDepth >= options.maxCallDepth()) {
            throw PyException.limit("macro calls nested deeper than the limit of " + options.maxCallDepth()
                    + " (calling " + Py.repr(macro.name()) + ")");
        }
        step(MACRO_CALL_STEPS);
        callDepth++;
        try {
            return renderToString(body, frame);
        } finally {
            callDepth--;
        }
    }
}
