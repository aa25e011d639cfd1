package dev.llmplatform.chattemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A macro (or the {@code caller} of a call block) bound to the frame it was defined in. Calling it binds the
 * arguments as jinja2's {@code Macro.__call__} does and renders the body in a new frame. A parameter without value
 * or default is undefined; extra positional or keyword arguments are an error unless the body uses
 * {@code varargs} or {@code kwargs}.
 */
final class Macro implements PyCallable {

    private final String name;
    private final Node.Signature signature;
    private final List<Node> body;
    private final Scope closure;

    Macro(String name, Node.Signature signature, List<Node> body, Scope closure) {
        this.name = name;
        this.signature = signature;
        this.body = body;
        this.closure = closure;
    }

    @Override
    public Object call(Interpreter rt, Args args) {
        List<Node.Param> params = signature.params();
        List<Object> positional = args.positional();
        Map<String, Object> keywords = args.keywords().isEmpty() ? new LinkedHashMap<>(0)
                : new LinkedHashMap<>(args.keywords());
        Scope frame = closure.child();
        boolean foundCaller = false;
        for (int i = 0; i < params.size(); i++) {
            Node.Param param = params.get(i);
            Object value = Scope.MISSING;
            if (i < positional.size()) {
                value = positional.get(i);
            } else {
                if (keywords.containsKey(param.name())) {
                    value = keywords.remove(param.name());
                }
                foundCaller |= param.name().equals("caller");
            }
            if (value == Scope.MISSING) {
                value = param.defaultValue() != null ? rt.evaluator().eval(param.defaultValue(), frame)
                        : Undefined.of("parameter " + Py.repr(param.name()) + " was not provided");
            }
            frame.set(param.name(), value);
        }
        if (positional.size() >= params.size()) {
            foundCaller = signature.hasCallerParam();
        }
        if (signature.usesCaller() && !foundCaller) {
            Object caller = keywords.remove("caller");
            frame.set("caller", caller != null ? caller : Undefined.of("No caller defined"));
        }
        if (signature.catchKwargs()) {
            frame.set("kwargs", new LinkedHashMap<Object, Object>(keywords));
        } else if (!keywords.isEmpty()) {
            if (keywords.containsKey("caller")) {
                throw PyException.type("macro " + Py.repr(name) + " was invoked with two values for the special "
                        + "caller argument. This is most likely a bug.");
            }
            throw PyException.type("macro " + Py.repr(name) + " takes no keyword argument "
                    + Py.repr(keywords.keySet().iterator().next()));
        }
        if (signature.catchVarargs()) {
            frame.set("varargs", positional.size() > params.size()
                    ? Tuple.copyOf(positional.subList(params.size(), positional.size())) : Tuple.EMPTY);
        } else if (positional.size() > params.size()) {
            throw PyException.type("macro " + Py.repr(name) + " takes not more than " + params.size()
                    + " argument(s)");
        }
        return rt.renderMacroBody(this, body, frame);
    }

    String name() {
        return name;
    }

    @Override
    public String describe() {
        return "<Macro " + Py.repr(name) + ">";
    }
}
