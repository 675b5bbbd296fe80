package com.doe.local.host.discovery;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.OutputBinding;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.BlobOutput;
import com.microsoft.azure.functions.annotation.BlobTrigger;
import com.microsoft.azure.functions.annotation.Cardinality;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.KafkaOutput;
import com.microsoft.azure.functions.annotation.KafkaTrigger;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code @FunctionName} methods into {@link FunctionDefinition}s, reading the binding
 * annotations the way the Java worker matches them to parameters. Anything the local host cannot
 * serve fails here, naming the function and the feature.
 */
public final class FunctionScanner {

    private static final String DURABLE_ORCHESTRATION = "DurableOrchestrationTrigger";
    private static final String DURABLE_ACTIVITY = "DurableActivityTrigger";
    private static final String DURABLE_CLIENT = "DurableClientInput";
    private static final String BINDING_PACKAGE = "com.microsoft.azure.functions.annotation";
    private static final String DURABLE_PACKAGE = "com.microsoft.durabletask.azurefunctions";

    private final Settings settings;

    public FunctionScanner(Settings settings) {
        this.settings = settings;
    }

    /** All functions of the given classes, sorted by name; duplicate names fail. */
    public List<FunctionDefinition> scan(List<Class<?>> classes) {
        Map<String, FunctionDefinition> byName = new LinkedHashMap<>();
        for (Class<?> type : classes) {
            Method[] methods;
            try {
                methods = type.getDeclaredMethods();
            } catch (LinkageError notLoadable) {
                continue;
            }
            for (Method method : methods) {
                FunctionName name = method.getAnnotation(FunctionName.class);
                if (name == null) {
                    continue;
                }
                FunctionDefinition function = define(name.value(), method);
                FunctionDefinition clash = byName.put(function.name(), function);
                if (clash != null) {
                    throw new DiscoveryException("two methods are named function '" + function.name() + "': "
                            + clash.entryPoint() + " and " + function.entryPoint());
                }
            }
        }
        return byName.values().stream().sorted(Comparator.comparing(FunctionDefinition::name)).toList();
    }

    FunctionDefinition define(String name, Method method) {
        String where = "function '" + name + "' (" + method.getDeclaringClass().getName() + "." + method.getName() + ")";
        if (!Modifier.isPublic(method.getModifiers())) {
            throw new DiscoveryException(where + " must be public, as the Java worker requires");
        }
        Trigger trigger = null;
        List<ParameterSource> sources = new ArrayList<>();
        Map<String, String> annotated = new LinkedHashMap<>();
        for (Parameter parameter : method.getParameters()) {
            String label = where + ", parameter '" + parameter.getName() + "'";
            ParameterSource source = null;
            for (Annotation annotation : parameter.getAnnotations()) {
                Trigger found = trigger(annotation, label);
                ParameterSource next;
                if (found != null) {
                    if (trigger != null) {
                        throw new DiscoveryException(where + " has more than one trigger");
                    }
                    trigger = found;
                    next = new ParameterSource.TriggerValue(found.bindingName(), parameter.getParameterizedType());
                } else {
                    next = other(annotation, parameter, label);
                }
                if (next == null) {
                    continue;
                }
                if (source != null) {
                    throw new DiscoveryException(label + " has more than one binding annotation");
                }
                source = next;
                if (!(annotation instanceof BindingName)) {
                    annotated.put(annotation.annotationType().getSimpleName(), source.key());
                }
            }
            if (source == null) {
                if (parameter.getType() != ExecutionContext.class) {
                    throw new DiscoveryException(label + " has no binding annotation; the worker could not bind it");
                }
                source = new ParameterSource.Context("$context");
            }
            sources.add(source);
        }
        if (trigger == null) {
            throw new DiscoveryException(where + " has no trigger the local host knows (HTTP, blob, Kafka, durable)");
        }
        return new FunctionDefinition(name, method, trigger, List.copyOf(sources), Map.copyOf(annotated),
                returnOutput(method, where));
    }

    private Trigger trigger(Annotation annotation, String where) {
        if (annotation instanceof HttpTrigger http) {
            Set<String> methods = new LinkedHashSet<>();
            Arrays.stream(http.methods()).forEach(m -> methods.add(m.name().toUpperCase(Locale.ROOT)));
            return new Trigger.Http(http.name(), resolve(http.route(), where), Set.copyOf(methods));
        }
        if (annotation instanceof BlobTrigger blob) {
            if ("EventGrid".equalsIgnoreCase(blob.source())) {
                // Azurite has no Event Grid; polling delivers the same blobs, only later.
                System.getLogger(FunctionScanner.class.getName()).log(System.Logger.Level.INFO,
                        where + ": source EventGrid is served by polling locally");
            }
            String path = resolve(blob.path(), where);
            int slash = path.indexOf('/');
            if (slash <= 0 || slash == path.length() - 1) {
                throw new DiscoveryException(where + ": blob path '" + path + "' must be container/pattern");
            }
            return new Trigger.Blob(blob.name(), path.substring(0, slash), path.substring(slash + 1),
                    connection(blob.connection()), blob.dataType());
        }
        if (annotation instanceof KafkaTrigger kafka) {
            if (!kafka.avroSchema().isEmpty() || !kafka.schemaRegistryUrl().isEmpty()) {
                throw new DiscoveryException(where + ": Kafka Avro deserialization (avroSchema/schemaRegistryUrl) "
                        + "is not supported locally; take the value as string or binary and decode it in the function");
            }
            if (!kafka.eventHubConnectionString().isEmpty()) {
                throw new DiscoveryException(where + ": eventHubConnectionString is not supported locally; use brokerList");
            }
            String group = kafka.consumerGroup().isEmpty() ? "$Default" : resolve(kafka.consumerGroup(), where);
            return new Trigger.Kafka(kafka.name(), resolve(kafka.topic(), where), resolve(kafka.brokerList(), where),
                    group, kafka.cardinality() == Cardinality.MANY, kafka.dataType(),
                    new KafkaSecurity(kafka.protocol().name(), kafka.authenticationMode().name(),
                            resolve(kafka.username(), where), resolve(kafka.password(), where)));
        }
        String simpleName = annotation.annotationType().getSimpleName();
        if (isDurable(annotation, DURABLE_ORCHESTRATION)) {
            return new Trigger.Orchestration(bindingName(annotation));
        }
        if (isDurable(annotation, DURABLE_ACTIVITY)) {
            return new Trigger.Activity(bindingName(annotation));
        }
        if (simpleName.endsWith("Trigger") && isBinding(annotation)) {
            throw new DiscoveryException(where + " uses @" + simpleName + ", which the local host does not support "
                    + "(supported triggers: HTTP, blob, Kafka, durable orchestration and activity)");
        }
        return null;
    }

    private ParameterSource other(Annotation annotation, Parameter parameter, String where) {
        if (annotation instanceof BindingName metadata) {
            return new ParameterSource.Metadata("$metadata:" + parameter.getName(), metadata.value(),
                    parameter.getParameterizedType());
        }
        if (isDurable(annotation, DURABLE_CLIENT)) {
            return new ParameterSource.DurableClient(bindingName(annotation), parameter.getType());
        }
        Output output = output(annotation, where);
        if (output != null) {
            Type type = parameter.getParameterizedType();
            if (!(type instanceof ParameterizedType generic) || generic.getRawType() != OutputBinding.class) {
                throw new DiscoveryException(where + ": an output binding parameter must be OutputBinding<T>");
            }
            return new ParameterSource.OutputValue(bindingName(annotation), output, generic.getActualTypeArguments()[0]);
        }
        if (isBinding(annotation)) {
            throw new DiscoveryException(where + " uses @" + annotation.annotationType().getSimpleName()
                    + ", which the local host does not support (supported: @BindingName, @DurableClientInput, "
                    + "@BlobOutput, @KafkaOutput)");
        }
        return null;
    }

    private Output returnOutput(Method method, String where) {
        Output found = null;
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation instanceof FunctionName) {
                continue;
            }
            Output output = output(annotation, where);
            if (output != null) {
                found = output;
            } else if (isBinding(annotation)) {
                throw new DiscoveryException(where + " carries @" + annotation.annotationType().getSimpleName()
                        + ", which the local host does not support on a method (supported: @BlobOutput, @KafkaOutput)");
            }
        }
        return found;
    }

    private Output output(Annotation annotation, String where) {
        if (annotation instanceof BlobOutput blob) {
            return new Output.Blob(resolve(blob.path(), where), connection(blob.connection()), blob.dataType());
        }
        if (annotation instanceof KafkaOutput kafka) {
            if (!kafka.avroSchema().isEmpty()) {
                throw new DiscoveryException(where + ": Kafka output with avroSchema is not supported locally");
            }
            return new Output.Kafka(resolve(kafka.topic(), where), resolve(kafka.brokerList(), where),
                    new KafkaSecurity(kafka.protocol().name(), kafka.authenticationMode().name(),
                            resolve(kafka.username(), where), resolve(kafka.password(), where)));
        }
        return null;
    }

    private String resolve(String value, String where) {
        return settings.resolve(value, where);
    }

    /** The storage connection setting name; empty means AzureWebJobsStorage, as in Azure. */
    private static String connection(String name) {
        return name == null || name.isEmpty() ? "AzureWebJobsStorage" : name;
    }

    private static boolean isDurable(Annotation annotation, String simpleName) {
        Class<? extends Annotation> type = annotation.annotationType();
        return type.getSimpleName().equals(simpleName) && type.getPackageName().equals(DURABLE_PACKAGE);
    }

    private static boolean isBinding(Annotation annotation) {
        Class<? extends Annotation> type = annotation.annotationType();
        if (type.getPackageName().equals(BINDING_PACKAGE) || type.getPackageName().equals(DURABLE_PACKAGE)) {
            return true;
        }
        return Arrays.stream(type.getAnnotations())
                .anyMatch(meta -> meta.annotationType().getSimpleName().equals("CustomBinding"));
    }

    private static String bindingName(Annotation annotation) {
        try {
            return (String) annotation.annotationType().getMethod("name").invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new DiscoveryException("@" + annotation.annotationType().getSimpleName() + " has no name()", e);
        }
    }
}
