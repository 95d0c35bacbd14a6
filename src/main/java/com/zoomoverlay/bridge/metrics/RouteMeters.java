package com.zoomoverlay.bridge.metrics;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyNamingStrategy;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyService;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.PatternHelper;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Camel's per-route meters ({@code camel_exchanges_total}, {@code _succeeded}, {@code _failed},
 * {@code _failures_handled}, {@code _external_redeliveries}, and the timer {@code camel_route_policy_seconds}),
 * with the names, tags and help text of camel-micrometer's {@code MicrometerRoutePolicy} (its naming strategy
 * is used as is), for every route but the {@code excluded} ones and those a Kamelet made, as that policy does
 * by default.
 *
 * <p>Why not that policy itself: per exchange and route it builds its exchange-property name three times with
 * {@code String.format} and reaches its statistics through a map and an {@code Optional}; in a burst that was
 * 9 % of the intake thread, which runs the engineers' route once per event (BENCHMARKS.md, 2026-12-04). Here
 * the property name and the meters are made once per route.
 */
public final class RouteMeters implements RoutePolicyFactory {

    private static final MicrometerRoutePolicyNamingStrategy NAMES = MicrometerRoutePolicyNamingStrategy.DEFAULT;

    private final MeterRegistry registry;
    private final String[] excluded;

    private RouteMeters(MeterRegistry registry, String excludedRouteIds) {
        this.registry = registry;
        this.excluded = excludedRouteIds.split(",");
    }

    /**
     * The route meters for every route of {@code camel} but the {@code excludedRouteIds} (comma-separated
     * patterns), and, as Camel's policy adds it with them, its service: the {@code app_info} gauge (Camel's
     * version and runtime) and the route meters as JSON for Camel's tooling.
     */
    public static void install(CamelContext camel, MeterRegistry registry, String excludedRouteIds) {
        MicrometerRoutePolicyService service = new MicrometerRoutePolicyService();
        service.setMeterRegistry(registry);
        service.setMatchingTags(Tags.of(MicrometerConstants.KIND, MicrometerConstants.KIND_ROUTE));
        try {
            camel.addService(service);
        } catch (Exception e) {
            throw new IllegalStateException("route metrics could not be installed", e);
        }
        camel.addRoutePolicyFactory(new RouteMeters(registry, excludedRouteIds));
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camel, String routeId, NamedNode route) {
        return PatternHelper.matchPatterns(routeId, excluded) ? null : new Policy();
    }

    /** One route's meters, made when the route starts and removed with it (a reloaded route gets new ones). */
    private final class Policy extends RoutePolicySupport {

        private volatile Meters meters;

        @Override
        public void onStart(Route route) {
            if (meters == null && !route.isCreatedByKamelet()) {
                meters = new Meters(route);
            }
        }

        @Override
        public void onRemove(Route route) {
            Meters gone = meters;
            meters = null;
            if (gone != null) {
                gone.remove();
            }
        }

        @Override
        public void onExchangeBegin(Route route, Exchange exchange) {
            Meters m = meters;
            if (m != null) {
                exchange.setProperty(m.sampleProperty, Timer.start(registry));
            }
        }

        @Override
        public void onExchangeDone(Route route, Exchange exchange) {
            Meters m = meters;
            if (m == null) {
                return;
            }
            if (exchange.removeProperty(m.sampleProperty) instanceof Timer.Sample sample) {
                sample.stop(m.timer());
            }
            m.count(exchange);
        }
    }

    private final class Meters {

        /** One name per route, not per exchange: a copy of an exchange carries its own properties anyway. */
        final String sampleProperty;
        private final Route route;
        private final Counter total;
        private final Counter succeeded;
        private final Counter failed;
        private final Counter failuresHandled;
        private final Counter externalRedeliveries;
        /** Registered by the first exchange that ends, as Camel's policy does (no empty timer per idle route). */
        private volatile Timer timer;

        Meters(Route route) {
            this.route = route;
            this.sampleProperty = "bridge.routeMeters." + route.getRouteId();
            this.succeeded = counter(NAMES.getExchangesSucceededName(route), "Number of successfully completed exchanges");
            this.failed = counter(NAMES.getExchangesFailedName(route), "Number of failed exchanges");
            this.total = counter(NAMES.getExchangesTotalName(route), "Total number of processed exchanges");
            this.externalRedeliveries = counter(NAMES.getExternalRedeliveriesName(route),
                    "Number of external initiated redeliveries (such as from JMS broker)");
            this.failuresHandled = counter(NAMES.getFailuresHandledName(route), "Number of failures handled");
        }

        Timer timer() {
            Timer t = timer;
            if (t == null) {
                t = Timer.builder(NAMES.getName(route)).tags(NAMES.getTags(route))
                        .description("Route performance metrics").register(registry);
                timer = t;
            }
            return t;
        }

        void count(Exchange exchange) {
            total.increment();
            if (exchange.isFailed()) {
                failed.increment();
                return;
            }
            succeeded.increment();
            if (ExchangeHelper.isFailureHandled(exchange)) {
                failuresHandled.increment();
            }
            if (exchange.isExternalRedelivered()) {
                externalRedeliveries.increment();
            }
        }

        void remove() {
            List.of(total, succeeded, failed, failuresHandled, externalRedeliveries).forEach(registry::remove);
            Timer t = timer;
            if (t != null) {
                registry.remove(t);
            }
        }

        private Counter counter(String name, String description) {
            return Counter.builder(name).tags(NAMES.getExchangeStatusTags(route)).description(description).register(registry);
        }
    }
}
