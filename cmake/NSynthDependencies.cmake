# Every dependency the project uses, found in one place and reported at the end of configure
# (nsynth_report_configuration). Optional pieces are reported as found or missing, never
# silently dropped. Debian 12 package names are in scripts/install-deps.sh.

find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenMP REQUIRED COMPONENTS CXX)

# LibTorch: the reference module (float64) and training. Debian's libtorch-dev, or any other
# LibTorch distribution (set Torch_DIR / CMAKE_PREFIX_PATH), including CUDA-enabled ones.
find_package(Torch REQUIRED)
# TorchConfig adds -D_GLIBCXX_USE_CXX11_ABI=...; keep it on the torch-facing targets only.
add_library(nsynth_torch_deps INTERFACE)
target_link_libraries(nsynth_torch_deps INTERFACE ${TORCH_LIBRARIES})
target_include_directories(nsynth_torch_deps SYSTEM INTERFACE ${TORCH_INCLUDE_DIRS})
separate_arguments(_nsynth_torch_flags UNIX_COMMAND "${TORCH_CXX_FLAGS}")
target_compile_options(nsynth_torch_deps INTERFACE ${_nsynth_torch_flags})

# oneDNN: the CPU fast path's GEMMs. Optional: without it the portable blocked GEMM is used,
# which is correct but several times slower (reported below and by `nsynth info`).
find_package(dnnl CONFIG QUIET)
if(TARGET DNNL::dnnl)
  set(NSYNTH_HAVE_ONEDNN ON)
  set(NSYNTH_ONEDNN_STATUS "found ${dnnl_VERSION} (CPU decoder and encoder GEMMs)")
else()
  set(NSYNTH_HAVE_ONEDNN OFF)
  set(NSYNTH_ONEDNN_STATUS "NOT FOUND: the CPU fast path uses the portable GEMM (slow); install libdnnl-dev")
endif()

# CUDA: reported only; the CUDA generator is not part of this build (see docs/gpu.md).
set(NSYNTH_CUDA_STATUS "not found (CPU build)")
include(CheckLanguage)
check_language(CUDA)
if(CMAKE_CUDA_COMPILER)
  set(NSYNTH_CUDA_STATUS "CUDA compiler ${CMAKE_CUDA_COMPILER} present; GPU generator not built (docs/gpu.md)")
endif()
if(TORCH_CUDA_LIBRARIES OR CAFFE2_USE_CUDA)
  set(NSYNTH_CUDA_STATUS "${NSYNTH_CUDA_STATUS}; LibTorch has CUDA")
endif()

pkg_check_modules(SNDFILE REQUIRED IMPORTED_TARGET sndfile)
pkg_check_modules(SAMPLERATE REQUIRED IMPORTED_TARGET samplerate)
find_package(nlohmann_json 3.10 REQUIRED)

# TensorFlow checkpoints (.index is a leveldb table of protobuf entries, blocks may be
# snappy-compressed) and TFRecord tf.train.Example records: leveldb's table reader, protobuf.
find_package(leveldb CONFIG REQUIRED)
find_package(Protobuf REQUIRED)

set(_nsynth_qt_components Core)
if(NSYNTH_TESTS)
  list(APPEND _nsynth_qt_components Test)
endif()
if(NSYNTH_GUI)
  list(APPEND _nsynth_qt_components Gui Widgets Multimedia LinguistTools)
endif()
find_package(Qt6 6.4 REQUIRED COMPONENTS ${_nsynth_qt_components})
set(CMAKE_AUTOMOC ON)

function(nsynth_report_configuration)
  message(STATUS "")
  message(STATUS "NSynth Workbench ${PROJECT_VERSION} configuration")
  message(STATUS "  build type        : ${CMAKE_BUILD_TYPE}")
  message(STATUS "  GUI workbench     : ${NSYNTH_GUI}")
  message(STATUS "  LibTorch          : ${Torch_DIR}")
  message(STATUS "  oneDNN fast path  : ${NSYNTH_ONEDNN_STATUS}")
  message(STATUS "  CUDA              : ${NSYNTH_CUDA_STATUS}")
  message(STATUS "  libsndfile        : ${SNDFILE_VERSION}")
  message(STATUS "  libsamplerate     : ${SAMPLERATE_VERSION}")
  message(STATUS "  leveldb, protobuf : ${leveldb_VERSION}, ${Protobuf_VERSION}")
  message(STATUS "  Qt                : ${Qt6_VERSION} (${_nsynth_qt_components})")
  message(STATUS "  test data         : ${NSYNTH_TEST_DATA}")
  message(STATUS "")
endfunction()
