package dev.llmplatform.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * An image reference as a container names it ({@code host/path:tag@sha256:digest}), with the rule every shipped image
 * follows: it names a registry host (so nothing is pulled from Docker Hub's unclaimed namespaces by default) and a
 * version that cannot move under it (a release tag, or a digest; never latest or a SNAPSHOT without a digest).
 */
record ImageReference(String image) {

    /** The registry host, or empty when the first path component is not one (docker.io is then implied). */
    String registryHost() {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return "";
        }
        String first = image.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "";
    }

    boolean hasDigest() {
        return image.matches(".*@sha256:[0-9a-f]{64}");
    }

    /** The tag, or empty when there is none. */
    String tag() {
        String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(colon + 1) : "";
    }

    /** What is wrong with the reference; empty when it follows the rule. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (registryHost().isEmpty()) {
            problems.add("names no registry host");
        }
        if (!hasDigest()) {
            if (tag().isEmpty()) {
                problems.add("has neither a tag nor a digest");
            } else if (tag().equals("latest") || tag().toUpperCase().contains("SNAPSHOT")) {
                problems.add("uses the mutable tag '" + tag() + "' without a digest");
            }
        }
        return problems;
    }
}
