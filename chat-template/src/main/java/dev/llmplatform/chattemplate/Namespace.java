package dev.llmplatform.chattemplate;

import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code namespace(...)} returns: the one object a template may change, with {@code set ns.attr = value}. */
final class Namespace {

    final Map<String, Object> attributes = new LinkedHashMap<>();
}
