#!/usr/bin/env bash
# Release check of the images an overlay deploys, to run before you apply it:
#   k8s/check-images.sh k8s/overlays/gpu
# Every image must name a registry host, must be pinned by digest (@sha256:...), and none may still point at the
# placeholder registry.example.com the shipped overlays use until you set your own (docs/deployment.md, "Images").
# Needs kubectl (for kubectl kustomize). Exits 1 and names each image that fails.
set -euo pipefail
overlay=${1:?usage: k8s/check-images.sh <overlay folder>}
rendered=$(kubectl kustomize "$overlay")
images=$(printf '%s\n' "$rendered" | sed -n 's/^[ -]*image: *//p' | tr -d "\"'" | sort -u)
status=0
count=0
while read -r image; do
  [ -n "$image" ] || continue
  count=$((count + 1))
  host=${image%%/*}
  if [[ "$image" != */* || ( "$host" != *.* && "$host" != *:* && "$host" != localhost ) ]]; then
    echo "no registry host: $image"
    status=1
  elif [[ "$host" == registry.example.com ]]; then
    echo "placeholder registry: $image (set yours with kustomize edit set image)"
    status=1
  fi
  if [[ "$image" != *@sha256:* ]]; then
    echo "not pinned by digest: $image"
    status=1
  fi
done <<< "$images"
if [ "$status" -eq 0 ]; then
  echo "images ok: $count images of $overlay, each in a named registry and pinned by digest"
fi
exit "$status"
