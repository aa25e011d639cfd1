package dev.llmplatform.chattemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates expressions with Python semantics (see {@link Py}, {@link Operators}, {@link Attributes}). */
final class Evaluator {

    private final Interpreter rt;
    /** Null in plain renders; in tracked renders, where the characters of each string came from. */
    private final Provenance provenance;

    Evaluator(Interpreter rt, Provenance provenance) {
        this.rt = rt;
        this.provenance = provenance;
    }

    Object eval(Expr e, Scope scope) {
        try {
            return evalNode(e, scope);
        } catch (PyException ex) {
            ex.setLineIfUnknown(e.line());
            throw ex;
        }
    }

    private Object evalNode(Expr e, Scope scope) {
        if (e instanceof Expr.Const c) {
            if (provenance != null && c.value() instanceof String literal) {
                provenance.template(literal);
            }
            return c.value();
        }
        if (e instanceof Expr.Name n) {
            Object value = scope.lookup(n.name());
            return value == Scope.MISSING ? Undefined.named(n.name()) : value;
        }
        if (e instanceof Expr.GetAttr g) {
            return Attributes.getattr(eval(g.object(), scope), g.name());
        }
        if (e instanceof Expr.GetItem g) {
            Object object = eval(g.object(), scope);
            if (g.key() instanceof Expr.Slice s) {
                Object start = optional(s.start(), scope);
                Object stop = optional(s.stop(), scope);
                Object step = optional(s.step(), scope);
                Object result = Attributes.slice(object, start, stop, step);
                return provenance == null ? result
                        : ProvenanceRules.slice(provenance, object, start, stop, step, result);
            }
            Object key = eval(g.key(), scope);
            Object result = Attributes.getitem(object, key);
            return provenance == null ? result : ProvenanceRules.getItem(provenance, object, key, result);
        }
        if (e instanceof Expr.Binary b) {
            Object left = eval(b.left(), scope);
            Object right = eval(b.right(), scope);
            Object result = Operators.binary(rt, b.op(), left, right);
            return provenance == null ? result : ProvenanceRules.binary(provenance, b.op(), left, right, result);
        }
        if (e instanceof Expr.Unary u) {
            Object operand = eval(u.operand(), scope);
            return u.op() == Expr.UnaryOp.NOT ? !Py.truthy(operand)
                    : Operators.negate(operand, u.op() == Expr.UnaryOp.NEG);
        }
        if (e instanceof Expr.And a) {
            Object left = eval(a.left(), scope);
            return Py.truthy(left) ? eval(a.right(), scope) : left;
        }
        if (e instanceof Expr.Or o) {
            Object left = eval(o.left(), scope);
            return Py.truthy(left) ? left : eval(o.right(), scope);
        }
        if (e instanceof Expr.Compare c) {
            return compare(c, scope);
        }
        if (e instanceof Expr.Conditional c) {
            if (Py.truthy(eval(c.test(), scope))) {
                return eval(c.then(), scope);
            }
            return c.orElse() != null ? eval(c.orElse(), scope) : Undefined.of("the inline if-expression on line "
                    + c.line() + " evaluated to false and no else section was defined.");
        }
        if (e instanceof Expr.Call c) {
            return call(c, scope, null);
        }
        if (e instanceof Expr.Filter f) {
            return applyFilter(f, eval(f.operand(), scope), scope);
        }
        if (e instanceof Expr.Test t) {
            if (t.test() == null) {
                throw PyException.runtime("No test named '" + t.name() + "' found.");
            }
            return t.test().test(rt, eval(t.operand(), scope), args(t.args(), scope));
        }
        if (e instanceof Expr.ListLit l) {
            List<Object> items = new ArrayList<>(l.items().size());
            for (Expr item : l.items()) {
                items.add(eval(item, scope));
            }
            return items;
        }
        if (e instanceof Expr.TupleLit t) {
            List<Object> items = new ArrayList<>(t.items().size());
            for (Expr item : t.items()) {
                items.add(eval(item, scope));
            }
            return Tuple.copyOf(items);
        }
        if (e instanceof Expr.DictLit d) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < d.keys().size(); i++) {
                Object key = eval(d.keys().get(i), scope);
                map.put(hashable(key), eval(d.values().get(i), scope));
            }
            return map;
        }
        throw PyException.runtime("a slice can only be used in a subscript");
    }

    private Object optional(Expr e, Scope scope) {
        return e == null ? null : eval(e, scope);
    }

    static Object hashable(Object key) {
        if (key instanceof List && !(key instanceof Tuple) || key instanceof Map || key instanceof Namespace) {
            throw PyException.type("unhashable type: " + Py.repr(Py.typeName(key)));
        }
        return key;
    }

    private Object compare(Expr.Compare c, Scope scope) {
        Object left = eval(c.operands().get(0), scope);
        for (int i = 0; i < c.ops().size(); i++) {
            Object right = eval(c.operands().get(i + 1), scope);
            if (!compareOnce(c.ops().get(i), left, right)) {
                return false;
            }
            left = right;
        }
        return true;
    }

    boolean compareOnce(Expr.CompareOp op, Object left, Object right) {
        return switch (op) {
            case EQ -> Py.eq(left, right);
            case NE -> !Py.eq(left, right);
            case IN -> Operators.contains(rt, right, left);
            case NOT_IN -> !Operators.contains(rt, right, left);
            default -> {
                int cmp = Py.compare(left, right, op.symbol);
                yield cmp != 2 && switch (op) {
                    case LT -> cmp < 0;
                    case LE -> cmp <= 0;
                    case GT -> cmp > 0;
                    default -> cmp >= 0;
                };
            }
        };
    }

    /** Evaluates a call; {@code caller} (from a call block) is passed as the {@code caller} keyword. */
    Object call(Expr.Call c, Scope scope, Macro caller) {
        Object callee = eval(c.callee(), scope);
        Args args = args(c.args(), scope);
        if (caller != null) {
            Map<String, Object> keywords = new LinkedHashMap<>(args.keywords());
            keywords.put("caller", caller);
            args = new Args(args.positional(), keywords);
        }
        return callValue(callee, args);
    }

    Object callValue(Object callee, Args args) {
        if (callee instanceof PyCallable callable) {
            if (provenance == null) {
                return callable.call(rt, args);
            }
            if (callee instanceof Builtins.BoundMethod m) {
                List<Object> snapshot = m.name().equals("join") && !args.positional().isEmpty()
                        ? ProvenanceRules.snapshot(args.positional().get(0)) : null;
                Object result = callable.call(rt, args);
                return ProvenanceRules.method(provenance, m.receiver(), m.name(), args, snapshot, result);
            }
            return ProvenanceRules.call(provenance, callee, args, callable.call(rt, args));
        }
        if (callee instanceof Undefined u) {
            throw u.error();
        }
        throw PyException.type(Py.repr(Py.typeName(callee)) + " object is not callable");
    }

    Args args(Expr.CallArgs callArgs, Scope scope) {
        if (callArgs.isEmpty()) {
            return Args.NONE;
        }
        List<Object> positional = new ArrayList<>(callArgs.positional().size());
        for (Expr arg : callArgs.positional()) {
            positional.add(eval(arg, scope));
        }
        Map<String, Object> keywords = callArgs.keywordNames().isEmpty() && callArgs.starKwargs() == null ? Map.of()
                : new LinkedHashMap<>();
        for (int i = 0; i < callArgs.keywordNames().size(); i++) {
            keywords.put(callArgs.keywordNames().get(i), eval(callArgs.keywordValues().get(i), scope));
        }
        if (callArgs.starArgs() != null) {
            positional.addAll(Iteration.list(eval(callArgs.starArgs(), scope)));
        }
        if (callArgs.starKwargs() != null) {
            Object extra = eval(callArgs.starKwargs(), scope);
            if (!(extra instanceof Map<?, ?> map)) {
                throw PyException.type("argument after ** must be a mapping, not " + Py.typeName(extra));
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String name)) {
                    throw PyException.type("keywords must be strings");
                }
                if (keywords.containsKey(name)) {
                    throw PyException.type("got multiple values for keyword argument " + Py.repr(name));
                }
                keywords.put(name, e.getValue());
            }
        }
        return new Args(positional, keywords);
    }

    Object applyFilter(Expr.Filter f, Object value, Scope scope) {
        if (f.filter() == null) {
            throw PyException.runtime("No filter named '" + f.name() + "' found.");
        }
        Args args = args(f.args(), scope);
        if (provenance == null) {
            return f.filter().apply(rt, value, args);
        }
        List<Object> snapshot = f.name().equals("join") ? ProvenanceRules.snapshot(value) : null;
        Object result = f.filter().apply(rt, value, args);
        return ProvenanceRules.filter(provenance, f.name(), value, snapshot, args, result);
    }
}
