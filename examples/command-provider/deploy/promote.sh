#!/usr/bin/env bash
# Makes VERSION the stable web Deployment and takes the canary's share back to 0 (promotion and rollback alike).
set -euo pipefail
version=$1
kubectl --namespace web set image deployment/web web="registry.example.com/web:${version}"
kubectl --namespace web rollout status deployment/web --timeout=10m
kubectl --namespace web annotate ingress web-canary nginx.ingress.kubernetes.io/canary-weight=0 --overwrite
