package io.github.tweestap.devoutbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxStoreTest {

    @TempDir
    Path dir;

    @Test
    void messagesAreListedNewestFirstPerRealm() {
        OutboxStore store = new OutboxStore(dir);
        store.add("realm-a", "sms", "+31600000001", null, "first", null, 1_000L);
        store.add("realm-a", "email", "a@example.test", "Subject", "second", "<p>second</p>", 2_000L);
        store.add("realm-b", "sms", "+31600000002", null, "other realm", null, 1_500L);

        List<OutboxEntry> a = store.list("realm-a", 10);
        assertThat(a).extracting(OutboxEntry::text).containsExactly("second", "first");
        assertThat(store.list("realm-b", 10)).extracting(OutboxEntry::text).containsExactly("other realm");
        assertThat(store.list("realm-c", 10)).isEmpty();
        assertThat(store.list("realm-a", 1)).hasSize(1);
    }

    @Test
    void entriesAreFoundByIdAndPathTricksAreRefused() {
        OutboxStore store = new OutboxStore(dir);
        OutboxEntry entry = store.add("realm-a", "email", "a@example.test", "S", "t", "<b>h</b>", 5L);
        assertThat(store.get("realm-a", entry.id())).contains(entry);
        assertThat(store.get("realm-a", "../../etc/passwd")).isEmpty();
        assertThat(store.get("realm-a", null)).isEmpty();
        assertThatThrownBy(() -> store.list("../x", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pageTextIsEscapedAndLinksBecomeLinks() {
        assertThat(OutboxResource.esc("<script>\"x\"&'")).isEqualTo("&lt;script&gt;&quot;x&quot;&amp;&#39;");
        assertThat(OutboxResource.linkify("Open https://example.test/a?b=1&c=<2> now"))
                .isEqualTo("Open <a href=\"https://example.test/a?b=1&amp;c=\">https://example.test/a?b=1&amp;c=</a>"
                        + "&lt;2&gt; now");
    }
}
