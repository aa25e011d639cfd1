package dev.llmplatform.chattemplate;

/** Something a template can call: a macro, a builtin function, a bound method or {@code loop.cycle}. */
interface PyCallable {

    Object call(Interpreter rt, Args args);

    /** How the callable shows in error messages and {@code str()}. */
    String describe();
}
