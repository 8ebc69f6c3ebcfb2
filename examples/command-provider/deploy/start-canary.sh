#!/usr/bin/env bash
# Starts VERSION as the web-canary Deployment, taking no traffic until canary-deploy sets its weight.
set -euo pipefail
version=$1
kubectl --namespace web set image deployment/web-canary web="registry.example.com/web:${version}"
kubectl --namespace web annotate ingress web-canary nginx.ingress.kubernetes.io/canary-weight=0 --overwrite
kubectl --namespace web rollout status deployment/web-canary --timeout=5m
