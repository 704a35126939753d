package io.tradehook.common;

import java.time.Duration;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed access to {@code tradehook.*} settings. Values come from Camel's properties component, so system
 * properties and environment variables ({@code TRADEHOOK_DB_URL} for {@code tradehook.db.url}) override
 * {@code application.properties}.
 */
public final class Settings {

    private final PropertiesComponent properties;

    public Settings(PropertiesComponent properties) {
        this.properties = properties;
    }

    public static Settings of(CamelContext context) {
        return new Settings(context.getPropertiesComponent());
    }

    /** Settings for a command run outside a started gateway: same files, same overrides. */
    public static Settings standalone() {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        return of(context);
    }

    public Optional<String> get(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        return get(key).map(Integer::parseInt).orElse(defaultValue);
    }

    public Duration getDuration(String key, Duration defaultValue) {
        return get(key).map(Duration::parse).orElse(defaultValue);
    }

    /** Base of the webhook URLs shown to users: the configured public URL, else the local listening address. */
    public String publicUrl() {
        String url = get("tradehook.public-url")
                .orElseGet(() -> "http://localhost:" + get("camel.server.port", "8080"));
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
