{{/* Resource names: the release name when it contains mcp-connector-<connector>, else <release>-mcp-connector-<connector>. */}}
{{- define "mcp-connector.fullname" -}}
{{- $base := printf "mcp-connector-%s" .Values.connector -}}
{{- if contains $base .Release.Name -}}
{{- $base -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $base | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "mcp-connector.selectorLabels" -}}
app.kubernetes.io/name: mcp-connector-{{ .Values.connector }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "mcp-connector.labels" -}}
{{ include "mcp-connector.selectorLabels" . }}
app.kubernetes.io/part-of: mcp-connectors
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "mcp-connector.image" -}}
{{- $name := .Values.image.name | default (printf "connector-%s" .Values.connector) -}}
{{- if .Values.image.digest -}}
{{- printf "%s/%s@%s" .Values.image.registry $name .Values.image.digest -}}
{{- else -}}
{{- printf "%s/%s:%s" .Values.image.registry $name (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}
{{- end -}}

{{/* The data source's usual port, for egress, unless dataSource.egressPorts names others. */}}
{{- define "mcp-connector.dataSourcePorts" -}}
{{- if .Values.dataSource.egressPorts -}}
{{- toJson .Values.dataSource.egressPorts -}}
{{- else -}}
{{- $defaults := dict "filesystem" (list) "postgres" (list 5432) "mongodb" (list 27017) "salesforce" (list 443) "github" (list 443) "gateway" (list 8080) -}}
{{- toJson (get $defaults .Values.connector) -}}
{{- end -}}
{{- end -}}

{{/* Whether something in front of the pod terminates TLS: said so, or an ingress with a TLS secret. */}}
{{- define "mcp-connector.tlsUpstream" -}}
{{- if or .Values.tls.terminatedUpstream (and .Values.ingress.enabled .Values.ingress.tlsSecretName) -}}true{{- end -}}
{{- end -}}

{{/* Combinations the schema cannot express, refused with what to change. */}}
{{- define "mcp-connector.validate" -}}
{{- $v := .Values -}}
{{- if and $v.ingress.enabled (ne $v.mode "gateway") -}}
{{- fail "ingress.enabled: the ingress fronts the Service of gateway mode; sidecar mode has no Service" -}}
{{- end -}}
{{- if and $v.ingress.enabled (empty $v.ingress.host) -}}
{{- fail "ingress.host: name the host callers use (e.g. mcp.example.com)" -}}
{{- end -}}
{{- if and (eq $v.mode "gateway") (empty $v.http.allowedHosts) (not (and $v.ingress.enabled $v.ingress.host)) -}}
{{- fail "http.allowedHosts: name the Host the gateway sends (e.g. mcp.example.com); the connector refuses other Host headers" -}}
{{- end -}}
{{- if and (eq $v.mode "sidecar") (empty $v.sidecar.containers) -}}
{{- fail "sidecar.containers: sidecar mode needs the agent container(s) that share the pod with the connector" -}}
{{- end -}}
{{- if and (eq $v.auth.mode "none") (ne $v.mode "sidecar") -}}
{{- fail "auth.mode: a connector reached through a Service authenticates its callers: oidc or static (none only in sidecar mode)" -}}
{{- end -}}
{{- if and (ne $v.auth.mode "none") (empty $v.tls.secretName) (not (include "mcp-connector.tlsUpstream" .)) -}}
{{- fail "tls: tokens never travel over plain HTTP; set tls.secretName (the connector serves HTTPS), tls.terminatedUpstream=true (your gateway or load balancer terminates TLS) or ingress.tlsSecretName" -}}
{{- end -}}
{{- if eq $v.auth.mode "oidc" -}}
{{- if or (empty $v.auth.issuer) (empty $v.auth.resource) -}}
{{- fail "auth.issuer and auth.resource: oidc mode needs the authorization server's issuer URL and this connector's resource URI" -}}
{{- end -}}
{{- else if and (eq $v.auth.mode "static") (empty $v.auth.staticTokens) -}}
{{- fail "auth.staticTokens: static mode needs at least one principal with its token hash in a Secret" -}}
{{- end -}}
{{- if and (eq $v.store.kind "postgresql") (empty $v.store.secretName) -}}
{{- fail "store.secretName: the postgresql store needs a Secret with the keys jdbc-url, username and password" -}}
{{- end -}}
{{- $writes := eq (toString (index $v.settings "CONNECTOR_ACCESS_WRITES" | default "")) "enabled" -}}
{{- if and $writes (gt (int $v.replicaCount) 1) (eq $v.store.kind "file") -}}
{{- fail "store.kind: with write tools enabled and more than one replica, approvals must be shared: set store.kind=postgresql (or replicaCount=1)" -}}
{{- end -}}
{{- if and (eq $v.connector "filesystem") (empty $v.dataVolumes) -}}
{{- fail "dataVolumes: the filesystem connector needs at least one volume to serve (mount it and list its path in CONNECTOR_FILESYSTEM_ROOTS)" -}}
{{- end -}}
{{- range $name, $_ := $v.settings -}}
{{- if and (regexMatch "(PASSWORD|TOKEN|SECRET|PRIVATE_KEY|SHA256)$" $name) (not (regexMatch "_MANIFEST_SHA256$" $name)) -}}
{{- fail (printf "settings.%s: secrets do not go in settings (they would sit in the Deployment in clear); use secretSettings, or credentials with the matching *_FILE setting" $name) -}}
{{- end -}}
{{- end -}}
{{- range $name, $_ := $v.secretSettings -}}
{{- if hasKey $v.settings $name -}}
{{- fail (printf "settings.%s: set it either in settings or in secretSettings, not both" $name) -}}
{{- end -}}
{{- end -}}
{{- end -}}
