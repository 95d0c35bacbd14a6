package com.zoomoverlay.bridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/ as a cluster would take it: every manifest of the kustomize base (rendered by
 * {@code kubectl kustomize} where kubectl is installed, as {@code .ci/run} does, else the base's files as
 * they are; with env {@code CI} set a missing kubectl fails) loads into the fabric8 Kubernetes model that camel-kubernetes brings, with no field the model
 * does not know (a typo such as {@code readinesProbe} fails here), and carries what the bridge relies on.
 */
class DeployManifestsTest {

    private static final Path BASE = Path.of("deploy", "base");
    private static final KubernetesSerialization KUBE = new KubernetesSerialization();
    private static final ObjectMapper YAML = new YAMLMapper();
    /** Every secret of the configuration contract (ARCHITECTURE.md) and the database credentials. */
    private static final Set<String> SECRETS = Set.of("PROD_CLIENT_SECRET", "TOKEN_ENCRYPTION_KEY", "ADMIN_TOKEN",
            "DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "OVERLAY_WEBHOOK_SECRET", "OVERLAY_TOKEN",
            "ZOOM_WEBHOOK_SECRET_TOKEN");

    private static List<HasMetadata> objects;

    @BeforeAll
    static void load() throws Exception {
        objects = new ArrayList<>();
        for (JsonNode document : documents(rendered())) {
            objects.add(KUBE.convertValue(document, HasMetadata.class));
        }
    }

    @Test
    void every_yaml_and_json_file_under_deploy_parses() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("deploy"))) {
            List<Path> all = files.filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).toList();
            assertThat(all).isNotEmpty();
            for (Path file : all) {
                String text = Files.readString(file);
                List<JsonNode> docs = file.toString().endsWith(".json") ? List.of(JsonMapper.builder().build().readTree(text))
                        : documents(text);
                assertThat(docs).as(file.toString()).isNotEmpty().allSatisfy(d -> assertThat(d.isObject()).isTrue());
            }
        }
    }

    @Test
    void every_object_loads_into_the_kubernetes_model_without_unknown_fields() {
        assertThat(objects).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("ServiceAccount", "Role",
                "RoleBinding", "ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "PodMonitor", "PrometheusRule");
        for (HasMetadata object : objects) {
            if (object instanceof GenericKubernetesResource) {
                // Prometheus Operator kinds: the model has no class for them; checked field by field below.
                assertThat(object.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
                continue;
            }
            assertThat(unknownFields(object, "", new IdentityHashMap<>()))
                    .as(object.getKind() + " " + object.getMetadata().getName() + ": fields the Kubernetes model does not know")
                    .isEmpty();
        }
    }

    @Test
    void a_misspelt_field_is_found_as_unknown() throws IOException {
        String typo = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  template:
                    spec:
                      containers:
                        - name: bridge
                          readinesProbe: {httpGet: {path: /health, port: http}}
                """;
        HasMetadata object = KUBE.convertValue(documents(typo).get(0), HasMetadata.class);
        assertThat(unknownFields(object, "", new IdentityHashMap<>())).containsExactly(".Spec.Template.Spec.Containers[0].readinesProbe");
    }

    @Test
    void deployment_runs_two_replicas_probed_on_health_with_secrets_from_a_secret() {
        Deployment deployment = one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        Container bridge = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(bridge.getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo("http"));
        for (Probe probe : List.of(bridge.getReadinessProbe(), bridge.getLivenessProbe(), bridge.getStartupProbe())) {
            assertThat(probe.getHttpGet().getPath()).isEqualTo("/health");
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        }
        // Liveness gives up much later than readiness: a DOWN store takes the pod out of the Service, and
        // only a long outage restarts it.
        assertThat(bridge.getLivenessProbe().getPeriodSeconds() * bridge.getLivenessProbe().getFailureThreshold())
                .isGreaterThan(bridge.getReadinessProbe().getPeriodSeconds() * bridge.getReadinessProbe().getFailureThreshold());

        Map<String, EnvVar> env = new java.util.HashMap<>();
        bridge.getEnv().forEach(e -> env.put(e.getName(), e));
        for (String secret : SECRETS) {
            assertThat(env).as("env " + secret).containsKey(secret);
            assertThat(env.get(secret).getValue()).as(secret + " must not be inline").isNull();
            assertThat(env.get(secret).getValueFrom().getSecretKeyRef().getKey()).isEqualTo(secret);
        }
        assertThat(env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        assertThat(env.get("CLUSTER_REPLICA_ID").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env.get("JAVA_TOOL_OPTIONS").getValue()).contains("-XX:MaxRAMPercentage=");
        assertThat(bridge.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(bridge.getResources().getRequests()).containsKeys("cpu", "memory");

        String lease = configMapValue("KUBERNETES_LEASE_NAME");
        assertThat(lease).as("the ConfigMap turns on the Lease election").isNotBlank();
    }

    @Test
    void the_service_account_may_read_create_and_renew_leases() {
        Deployment deployment = one(Deployment.class);
        String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
        Role role = one(Role.class);
        assertThat(role.getRules()).anySatisfy(rule -> {
            assertThat(rule.getApiGroups()).contains("coordination.k8s.io");
            assertThat(rule.getResources()).contains("leases");
            assertThat(rule.getVerbs()).contains("get", "create", "update");
        });
        RoleBinding binding = one(RoleBinding.class);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).anySatisfy(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(account);
        });
        assertThat(objects).anySatisfy(o -> {
            assertThat(o.getKind()).isEqualTo("ServiceAccount");
            assertThat(o.getMetadata().getName()).isEqualTo(account);
        });
    }

    @Test
    void service_disruption_budget_and_pod_monitor_select_the_bridge_pods() {
        Map<String, String> podLabels = one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels.entrySet()).containsAll(one(Service.class).getSpec().getSelector().entrySet());
        assertThat(one(Service.class).getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
        PodDisruptionBudget pdb = one(PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(podLabels.entrySet()).containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet());

        JsonNode monitor = spec("PodMonitor");
        monitor.path("selector").path("matchLabels").fields()
                .forEachRemaining(e -> assertThat(podLabels).containsEntry(e.getKey(), e.getValue().asText()));
        assertThat(monitor.path("selector").path("matchLabels").size()).isPositive();
        JsonNode endpoint = monitor.path("podMetricsEndpoints").get(0);
        assertThat(endpoint.path("port").asText()).isEqualTo("http");
        assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
    }

    @Test
    void the_prometheus_rule_carries_exactly_the_rules_promtool_tests() throws IOException {
        JsonNode plain = YAML.readTree(Path.of("deploy", "prometheus", "alerts.yaml").toFile());
        assertThat(spec("PrometheusRule").path("groups"))
                .as("deploy/base/prometheusrule.yaml is stale: run deploy/prometheus/prometheusrule.sh > deploy/base/prometheusrule.yaml")
                .isEqualTo(plain.path("groups"));
    }

    private static JsonNode spec(String kind) {
        HasMetadata object = objects.stream().filter(o -> o.getKind().equals(kind)).findFirst().orElseThrow();
        return KUBE.convertValue(((GenericKubernetesResource) object).getAdditionalProperties().get("spec"), JsonNode.class);
    }

    private static String configMapValue(String key) {
        return objects.stream().filter(o -> o instanceof io.fabric8.kubernetes.api.model.ConfigMap)
                .map(o -> ((io.fabric8.kubernetes.api.model.ConfigMap) o).getData().get(key)).findFirst().orElse(null);
    }

    private static <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    /** Paths of values the model kept in an additionalProperties map: fields its classes do not have. */
    private static List<String> unknownFields(Object node, String path, Map<Object, Boolean> seen) {
        List<String> found = new ArrayList<>();
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return found;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                found.addAll(unknownFields(item, path + "[" + i++ + "]", seen));
            }
            return found;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> found.addAll(unknownFields(v, path + "." + k, seen)));
            return found;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return found;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(k -> found.add(path + "." + k));
            } else {
                found.addAll(unknownFields(value, path + "." + getter.getName().substring(3), seen));
            }
        }
        return found;
    }

    /** {@code kubectl kustomize deploy/base} where kubectl is installed, else the base's resource files. */
    private static String rendered() throws Exception {
        Path kubectl = Path.of("/usr/bin/kubectl");
        if (System.getenv("CI") != null) {
            // .ci/run installs it (Debian's kubernetes-client): under CI the rendered output must be what is checked.
            assertThat(Files.isExecutable(kubectl)).as("CI is set but %s is missing: apt-get install kubernetes-client", kubectl).isTrue();
        }
        if (Files.isExecutable(kubectl)) {
            Process render = new ProcessBuilder(kubectl.toString(), "kustomize", BASE.toString()).redirectErrorStream(true).start();
            String out = new String(render.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(render.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(render.exitValue()).as("kubectl kustomize deploy/base: " + out).isZero();
            return out;
        }
        StringBuilder all = new StringBuilder();
        for (JsonNode resource : YAML.readTree(BASE.resolve("kustomization.yaml").toFile()).path("resources")) {
            all.append(Files.readString(BASE.resolve(resource.asText()))).append("\n---\n");
        }
        return all.toString();
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode doc = values.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }
}
