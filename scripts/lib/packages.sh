# Installs the Debian packages that building, running and testing need.

COMMERCE_PACKAGES=(
    postgresql libpq-dev libhiredis-dev redis-server libmicrohttpd-dev libcurl4-openssl-dev
    libssl-dev libargon2-dev caddy pkg-config curl python3 python3-yaml python3-venv
)

package_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Install whichever of COMMERCE_PACKAGES are missing, running apt-get update
# first; does nothing when all are present.
ensure_packages() {
    local missing=() package
    for package in "${COMMERCE_PACKAGES[@]}"; do
        package_installed "$package" || missing+=("$package")
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    ((EUID == 0)) || die "missing Debian packages: ${missing[*]}. Install them with apt-get as root."
    info "Installing missing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null || die "apt-get update failed"
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
        || die "apt-get install failed for: ${missing[*]}"
}

# The python3 on PATH may not be Debian's, so PyYAML can be missing even
# with python3-yaml installed; pip provides it then.
ensure_python_yaml() {
    python3 -c 'import yaml' 2>/dev/null && return 0
    info "Installing PyYAML for $(command -v python3)"
    python3 -m pip install --quiet PyYAML || die "could not install PyYAML with pip"
}

# Set CONTRACT_PYTHON to a Python that has jsonschema and openapi-spec-validator,
# which the OpenAPI contract check needs: the python3 on PATH when it has them,
# otherwise a virtual environment under .build that pip fills once. Debian's
# own python3 refuses pip installs outside such an environment.
ensure_python_contract_tools() {
    local venv=$COMMERCE_ROOT/.build/python-tools
    CONTRACT_PYTHON=python3
    python3 -c 'import jsonschema, openapi_spec_validator' 2>/dev/null && return 0
    CONTRACT_PYTHON=$venv/bin/python
    "$CONTRACT_PYTHON" -c 'import jsonschema, openapi_spec_validator' 2>/dev/null && return 0
    info "Installing jsonschema and openapi-spec-validator into $venv"
    [[ -x $venv/bin/python ]] || python3 -m venv "$venv" || die "could not create a Python virtual environment in $venv"
    "$venv/bin/python" -m pip install --quiet jsonschema openapi-spec-validator \
        || die "could not install jsonschema and openapi-spec-validator with pip"
}

ensure_swift() {
    command -v swift >/dev/null || die "swift is not on PATH: install the Swift 6.3 toolchain first."
}
