{{/* Names and labels. */}}
{{- define "maestro.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "maestro.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "maestro.selectorLabels" -}}
app.kubernetes.io/name: {{ include "maestro.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "maestro.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "maestro.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "maestro.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "maestro.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "maestro.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The in-cluster Service's DNS name, which the serving certificate holds. */}}
{{- define "maestro.serviceHost" -}}
{{- printf "%s.%s.svc" (include "maestro.fullname" .) .Release.Namespace -}}
{{- end -}}

{{- define "maestro.tlsSecretName" -}}
{{- if eq .Values.certificates.mode "secret" -}}
{{- required "certificates.secretName: name the kubernetes.io/tls Secret that holds Maestro's serving certificate (certificates.mode=secret)" .Values.certificates.secretName -}}
{{- else -}}
{{- default (printf "%s-tls" (include "maestro.fullname" .)) .Values.certificates.secretName -}}
{{- end -}}
{{- end -}}

{{- define "maestro.tokenSecretName" -}}
{{- default (printf "%s-auth-token" (include "maestro.fullname" .)) .Values.auth.existingSecret -}}
{{- end -}}

{{- define "maestro.certificateName" -}}
{{- printf "%s-serving-cert" (include "maestro.fullname" .) -}}
{{- end -}}

{{/*
maestro.state: what is generated once per render and shared by every template
(the hook token, the CA and serving certificate), memoized in the root context.
A value already in the cluster (lookup of the Secret) wins, so `helm upgrade`
keeps it; `helm template` cannot look up and generates new ones.
*/}}
{{- define "maestro.state" -}}
{{- if not (hasKey . "maestroState") -}}
{{- $state := dict -}}
{{- if .Values.auth.enabled -}}
{{- $token := .Values.auth.token -}}
{{- if not $token -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "maestro.tokenSecretName" .) -}}
{{- if dig "data" "token" "" $existing -}}
{{- $token = dig "data" "token" "" $existing | b64dec -}}
{{- else if .Values.auth.existingSecret -}}
{{- fail (printf "auth.existingSecret: Secret %s/%s with key token was not found (helm template cannot read it: give auth.token too)" .Release.Namespace .Values.auth.existingSecret) -}}
{{- else -}}
{{- $token = randAlphaNum 40 | lower -}}
{{- end -}}
{{- end -}}
{{- if not (regexMatch "^[a-z0-9][a-z0-9-]{14,251}[a-z0-9]$" $token) -}}
{{- fail "auth.token: 16 to 253 characters from a-z 0-9 and -, starting and ending with a letter or digit (kube-apiserver accepts only such path segments in a webhook's service.path)" -}}
{{- end -}}
{{- $_ := set $state "token" $token -}}
{{- end -}}
{{- if .Values.externalURL -}}
{{- $_ := set $state "caBundle" (required "certificates.caBundle: the PEM CA of the certificate that Maestro at externalURL serves" .Values.certificates.caBundle | b64enc) -}}
{{- else if eq .Values.certificates.mode "generate" -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "maestro.tlsSecretName" .) -}}
{{- if and (dig "data" "ca.crt" "" $existing) (dig "data" "tls.crt" "" $existing) (dig "data" "tls.key" "" $existing) -}}
{{- $_ := set $state "ca" (dig "data" "ca.crt" "" $existing) -}}
{{- $_ := set $state "cert" (dig "data" "tls.crt" "" $existing) -}}
{{- $_ := set $state "key" (dig "data" "tls.key" "" $existing) -}}
{{- else -}}
{{- $host := include "maestro.serviceHost" . -}}
{{- $fullname := include "maestro.fullname" . -}}
{{- $ca := genCA (printf "%s-ca" $fullname) (int .Values.certificates.validityDays) -}}
{{- $sans := list $host (printf "%s.cluster.local" $host) (printf "%s.%s" $fullname .Release.Namespace) $fullname -}}
{{- $cert := genSignedCert $host nil $sans (int .Values.certificates.validityDays) $ca -}}
{{- $_ := set $state "ca" ($ca.Cert | b64enc) -}}
{{- $_ := set $state "cert" ($cert.Cert | b64enc) -}}
{{- $_ := set $state "key" ($cert.Key | b64enc) -}}
{{- end -}}
{{- $_ := set $state "caBundle" (get $state "ca") -}}
{{- else if eq .Values.certificates.mode "secret" -}}
{{- if .Values.certificates.caBundle -}}
{{- $_ := set $state "caBundle" (.Values.certificates.caBundle | b64enc) -}}
{{- else -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "maestro.tlsSecretName" .) -}}
{{- if dig "data" "ca.crt" "" $existing -}}
{{- $_ := set $state "caBundle" (dig "data" "ca.crt" "" $existing) -}}
{{- else -}}
{{- fail (printf "certificates.caBundle: give the PEM CA that signed the certificate in Secret %s (it has no ca.crt, or helm template cannot read it)" (include "maestro.tlsSecretName" .)) -}}
{{- end -}}
{{- end -}}
{{- else if ne .Values.certificates.mode "cert-manager" -}}
{{- fail (printf "certificates.mode: one of generate, cert-manager, secret (got %q)" .Values.certificates.mode) -}}
{{- end -}}
{{- $_ := set . "maestroState" $state -}}
{{- end -}}
{{- end -}}

{{- define "maestro.token" -}}
{{- include "maestro.state" . -}}
{{- get .maestroState "token" -}}
{{- end -}}

{{/* The path prefix of every POST route: /t/<token> with auth, else empty. */}}
{{- define "maestro.pathPrefix" -}}
{{- if .Values.auth.enabled -}}
{{- printf "/t/%s" (include "maestro.token" .) -}}
{{- end -}}
{{- end -}}

{{/*
maestro.clientConfig: a webhook clientConfig for a path (dict "ctx" . "path" "/validate"):
the Service, or externalURL; caBundle inline, or injected by cert-manager.
*/}}
{{- define "maestro.clientConfig" -}}
{{- $ := .ctx -}}
{{- include "maestro.state" $ -}}
{{- $path := printf "%s%s" (include "maestro.pathPrefix" $) .path -}}
{{- if $.Values.externalURL }}
url: {{ printf "%s%s" (trimSuffix "/" $.Values.externalURL) $path | quote }}
{{- else }}
service:
  namespace: {{ $.Release.Namespace }}
  name: {{ include "maestro.fullname" $ }}
  path: {{ $path | quote }}
  port: {{ $.Values.service.port }}
{{- end }}
{{- with get $.maestroState "caBundle" }}
caBundle: {{ . }}
{{- end }}
{{- end -}}

{{/* Annotations for objects whose caBundle cert-manager's cainjector fills. */}}
{{- define "maestro.caInjection" -}}
{{- if and (eq .Values.certificates.mode "cert-manager") (not .Values.externalURL) -}}
cert-manager.io/inject-ca-from: {{ default (printf "%s/%s" .Release.Namespace (include "maestro.certificateName" .)) .Values.certificates.certManager.injectFrom }}
{{- end -}}
{{- end -}}

{{/* The base URL of the Metacontroller hooks (for `maestro manifests` and NOTES). */}}
{{- define "maestro.hooksBaseURL" -}}
{{- if .Values.externalURL -}}
{{- trimSuffix "/" .Values.externalURL -}}
{{- else if .Values.knative.enabled -}}
{{- printf "http://%s-hooks.%s.svc.cluster.local" (include "maestro.fullname" .) .Release.Namespace -}}
{{- else -}}
{{- printf "https://%s:%v" (include "maestro.serviceHost" .) .Values.service.port -}}
{{- end -}}
{{- end -}}

{{/* policy/v1 where the cluster serves it (1.21+), else policy/v1beta1. */}}
{{- define "maestro.pdbApiVersion" -}}
{{- if or (.Capabilities.APIVersions.Has "policy/v1/PodDisruptionBudget") (semverCompare ">=1.21-0" .Capabilities.KubeVersion.Version) -}}
policy/v1
{{- else -}}
policy/v1beta1
{{- end -}}
{{- end -}}

{{- define "maestro.tokenVolume" -}}
- name: auth-token
  secret:
    secretName: {{ include "maestro.tokenSecretName" . }}
    items:
      - key: token
        path: token
{{- end -}}
