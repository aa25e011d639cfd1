package dev.llmplatform.hfhub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a usable cached copy of a file without the network: {@code refs/<revision>} gives the commit,
 * {@code snapshots/<commit>/<path>} the file, and the blob it links to tells what the file was verified against
 * when it was stored (blobs are only moved into place after verification, and are named by their etag, which for an
 * LFS file is its sha256 and for any other file its git blob sha1). A copy tied to a git blob sha1 is hashed and
 * used when it matches; a copy that cannot be tied to either is used only when unverified files are allowed, or after
 * hashing it when the caller expects a sha256.
 */
final class CacheLookup {

    /** A usable copy, or why there is none. */
    record Result(Optional<HubDownload> hit, String missReason) {
        static Result miss(String reason) {
            return new Result(Optional.empty(), reason);
        }

        static Result hit(Path path, String commit, Verification verification, Optional<String> sha256) {
            return new Result(Optional.of(new HubDownload(path, commit, verification, sha256, true)), "");
        }
    }

    private final HfCache cache;
    private final boolean allowUnverified;

    CacheLookup(HfCache cache, boolean allowUnverified) {
        this.cache = cache;
        this.allowUnverified = allowUnverified;
    }

    /** The cached copy of {@code file}, checked against {@code expected} (lower-case hex) when given. */
    Result find(HubFile file, Optional<String> expected) throws HubException {
        Optional<String> commit = cache.commitOf(file.repoId(), file.revision());
        if (commit.isEmpty()) {
            return Result.miss("the cache has no ref for revision " + file.revision());
        }
        Path entry = cache.snapshotFile(file.repoId(), commit.get(), file.path());
        if (!Files.isRegularFile(entry)) {
            return Result.miss("the snapshot of commit " + commit.get() + " has no such file");
        }
        Optional<String> blobName = cache.linkedBlobName(file.repoId(), entry);
        Optional<String> claimed = blobName.filter(Sha256::isSha256);
        if (expected.isPresent()) {
            String sha256 = claimed.isPresent() ? claimed.get() : hash(entry, file);
            if (!sha256.equals(expected.get())) {
                return Result.miss("the cached copy at commit " + commit.get() + " has sha256 " + sha256
                        + ", not the expected " + expected.get());
            }
            return Result.hit(entry, commit.get(), Verification.EXPECTED_SHA256, expected);
        }
        if (claimed.isPresent()) {
            return Result.hit(entry, commit.get(), Verification.HUB_SHA256, claimed);
        }
        Optional<String> gitSha1 = blobName.filter(GitBlobSha1::isSha1);
        if (gitSha1.isPresent()) {
            GitBlobSha1.Hashes hashes = hashes(entry, file);
            if (hashes.gitSha1().equals(gitSha1.get())) {
                return Result.hit(entry, commit.get(), Verification.HUB_GIT_SHA1, Optional.of(hashes.sha256()));
            }
            if (!allowUnverified) {
                return Result.miss("the cached copy at commit " + commit.get() + " has git blob sha1 "
                        + hashes.gitSha1() + ", not the " + gitSha1.get() + " its blob is named after");
            }
        }
        if (allowUnverified) {
            return Result.hit(entry, commit.get(), Verification.UNVERIFIED, Optional.empty());
        }
        return Result.miss("the cached copy at commit " + commit.get() + " is not tied to a sha256 (the Hub gives no "
                + "hash for this file) and unverified files are not allowed");
    }

    private static GitBlobSha1.Hashes hashes(Path entry, HubFile file) throws HubException {
        try {
            return GitBlobSha1.both(entry);
        } catch (IOException e) {
            throw new HubException(HubException.Reason.STORAGE, file + ": cannot read the cached copy " + entry
                    + " (" + e + ")", e);
        }
    }

    private static String hash(Path entry, HubFile file) throws HubException {
        try {
            return Sha256.of(entry);
        } catch (IOException e) {
            throw new HubException(HubException.Reason.STORAGE, file + ": cannot read the cached copy " + entry
                    + " (" + e + ")", e);
        }
    }
}
