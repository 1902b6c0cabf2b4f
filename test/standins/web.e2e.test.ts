/**
 * nginx:alpine and php:7.4-apache keep the official images' documented
 * contract (docker-library docs, nginx/content.md and php/content.md),
 * exercised with the commands a student runs, in one sandbox. Passes against
 * the stand-ins and the real images.
 */
import { imageSandbox, waitFor, type ImageSandbox } from "../support/image-sandbox";

let box: ImageSandbox;

const SITE = "<h1>my site</h1>\n";
const CUSTOM_CONF = 'server {\n  listen 8081;\n  location / { return 200 "custom conf.d\\n"; }\n}\n';
const TEMPLATE = 'server {\n  listen ${NGINX_PORT};\n  location / { return 200 "templated for $host on ${NGINX_PORT}\\n"; }\n}\n';
const INFO = "<?php phpinfo(); ?>\n";
const HTACCESS = "RewriteEngine On\nRewriteRule ^pretty$ index.php [L]\n";

const curl = (url: string) => `curl -sS --max-time 10 ${url}`;
const status = (url: string) => `curl -s -o /dev/null --max-time 10 -w '%{http_code}' ${url}`;

beforeAll(async () => {
  box = await imageSandbox("web", ["nginx:alpine", "php:7.4-apache"]);
  await box
    .ok(
      `
mkdir -p site conf templates www/emptydir www/both
printf '%s' "$1" > site/index.html
printf '%s' "$2" > conf/custom.conf
printf '%s' "$3" > templates/default.conf.template
printf '%s' "$4" > www/info.php
echo '<?php echo "index.php wins";' > www/both/index.php
echo 'index.html' > www/both/index.html
echo '<?php echo "pretty url";' > www/index.php
docker run -d --name default -p 8080:80 nginx:alpine >/dev/null
docker run -d --name site -p 8081:80 -v "$PWD/site:/usr/share/nginx/html:ro" nginx:alpine >/dev/null
docker run -d --name conf -p 8082:8081 -v "$PWD/conf:/etc/nginx/conf.d:ro" nginx:alpine >/dev/null
docker run -d --name templated -p 8083:8080 -v "$PWD/templates:/etc/nginx/templates:ro" -e NGINX_PORT=8080 nginx:alpine >/dev/null
docker run -d --name web -p 8090:80 -v "$PWD/www:/var/www/html" php:7.4-apache >/dev/null
`,
      { args: [SITE, CUSTOM_CONF, TEMPLATE, INFO] },
    )
    .catch(async (error) => {
      await box?.dispose();
      throw error;
    });
  await box.ok([8080, 8081, 8082, 8083, 8090].map((port) => waitFor(`curl -s -o /dev/null http://localhost:${port}/`, 60)).join(" && "));
}, 300_000);

afterAll(() => box?.dispose());

describe("nginx:alpine", () => {
  test("the default page says Welcome to nginx!", async () => {
    expect(await box.ok(curl("http://localhost:8080/"))).toMatch(/<title>Welcome to nginx!<\/title>/);
  });

  test("serves /usr/share/nginx/html, and conf.d/default.conf is the site that does", async () => {
    expect(await box.ok(curl("http://localhost:8081/"))).toBe(SITE);
    const conf = await box.ok("docker exec default cat /etc/nginx/conf.d/default.conf");
    expect(conf).toMatch(/listen\s+80;/);
    expect(conf).toMatch(/root\s+\/usr\/share\/nginx\/html;/);
    expect(await box.ok(status("http://localhost:8080/missing"))).toBe("404");
  });

  test("a file mounted in /etc/nginx/conf.d replaces the default site", async () => {
    expect(await box.ok(curl("http://localhost:8082/"))).toBe("custom conf.d\n");
  });

  test("templates in /etc/nginx/templates are rendered into conf.d with the environment, nginx's own variables kept", async () => {
    expect(await box.ok(curl("http://localhost:8083/"))).toBe("templated for localhost on 8080\n");
    expect(await box.ok("docker exec templated cat /etc/nginx/conf.d/default.conf")).toMatch(/listen 8080;/);
  });

  test("nginx -t, a reload, and the access log in docker logs", async () => {
    await box.ok("docker exec default nginx -t");
    await box.ok("docker exec default nginx -s reload");
    await box.ok(curl("http://localhost:8080/"));
    expect(await box.ok(waitFor(`docker logs default 2>/dev/null | grep -q '"GET / HTTP/1.1" 200'`, 10) + " && docker logs default 2>/dev/null")).toMatch(/"GET \/ HTTP\/1\.1" 200/);
  });

  test("workers run as nginx (uid 101)", async () => {
    expect(await box.ok("docker exec default id -u nginx")).toBe("101\n");
  });

  test("read-only, with volumes on /var/cache/nginx and /var/run, as the docs show", async () => {
    await box.ok("docker run -d --name readonly --read-only -v cache:/var/cache/nginx -v run:/var/run -p 8084:80 nginx:alpine >/dev/null");
    await box.ok(waitFor(`curl -s -o /dev/null http://localhost:8084/`, 30));
    expect(await box.ok(curl("http://localhost:8084/"))).toMatch(/Welcome to nginx!/);
  });
});

describe("php:7.4-apache", () => {
  test("serves PHP from /var/www/html: phpinfo() says PHP Version", async () => {
    expect(await box.ok(curl("http://localhost:8090/info.php"))).toMatch(/PHP Version/);
    expect(await box.ok("docker exec web pwd")).toBe("/var/www/html\n");
  });

  test("a file written with docker exec, as the course does, is served", async () => {
    await box.ok(`docker exec web bash -c "echo '<?php echo 6 * 7; ?>' > /var/www/html/answer.php"`);
    expect(await box.ok(curl("http://localhost:8090/answer.php"))).toBe("42");
  });

  test("index.php comes before index.html, .htaccess is honoured, directories are not listed", async () => {
    expect(await box.ok(curl("http://localhost:8090/both/"))).toBe("index.php wins");
    // Before rewrite is enabled, its directives in .htaccess would fail every page (500), there as here.
    await box.ok("docker exec web a2enmod rewrite >/dev/null && docker restart web >/dev/null");
    await box.ok(`docker exec -i web sh -c 'cat > /var/www/html/.htaccess'`, { stdin: HTACCESS });
    await box.ok(waitFor(`curl -s -o /dev/null http://localhost:8090/`, 30));
    expect(await box.ok(curl("http://localhost:8090/pretty"))).toBe("pretty url");
    expect(await box.ok(status("http://localhost:8090/emptydir/"))).toBe("403");
  });

  test("Apache's access log goes to docker logs", async () => {
    await box.ok(curl("http://localhost:8090/info.php"));
    expect(await box.ok(waitFor(`docker logs web 2>/dev/null | grep -q 'GET /info.php'`, 10) + " && docker logs web 2>/dev/null")).toMatch(/"GET \/info\.php HTTP\/1\.1" 200/);
  });

  test("no mysqli until docker-php-ext-install mysqli, then PHP has it", async () => {
    await box.ok("docker run -d --name ext php:7.4-apache >/dev/null");
    expect((await box.ok("docker exec ext php -m")).split("\n")).not.toContain("mysqli");
    await box.ok("docker exec ext docker-php-ext-install mysqli pdo_mysql", { timeoutMs: 600_000 });
    const modules = (await box.ok("docker exec ext php -m")).split("\n");
    expect(modules).toEqual(expect.arrayContaining(["mysqli", "pdo_mysql"]));
  }, 700_000);

  test("$PHP_INI_DIR holds php.ini-production and no php.ini; a copied php.ini is read", async () => {
    expect((await box.ok(`docker exec web sh -c 'ls "$PHP_INI_DIR"'`)).split("\n")).toEqual(expect.arrayContaining(["conf.d", "php.ini-development", "php.ini-production"]));
    expect(await box.ok(`docker exec web sh -c 'test -e "$PHP_INI_DIR/php.ini" && echo present || echo absent'`)).toBe("absent\n");
    await box.ok(`docker exec web sh -c 'cp "$PHP_INI_DIR/php.ini-production" "$PHP_INI_DIR/php.ini" && echo "memory_limit = 77M" > "$PHP_INI_DIR/conf.d/zz-lab.ini"'`);
    expect(await box.ok(`docker exec web php -r 'echo ini_get("expose_php"), "|", ini_get("memory_limit");'`)).toBe("|77M");
  });
});
