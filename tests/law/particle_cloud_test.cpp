// A particle cloud with its last step's kernels (src/sb/law/particle_cloud.hpp): what it keeps
// and what it rejects.
#include "sb/law/particle_cloud.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace sb {
namespace {

using namespace sb::test;

KernelMixture uniform_kernels(long k, Eigen::Index d, double var) {
  return {Mat::Zero(k, d), Vec::Constant(k, 1.0 / static_cast<double>(k)), var};
}

TEST(ParticleCloud, KeepsTheLastStepOfItsFirstParticles) {
  const ParticleCloud plain(Mat::Ones(10, 2), 3);
  EXPECT_FALSE(plain.last_step().has_value());
  const ParticleCloud cloud(Mat::Ones(10, 2), 3, uniform_kernels(6, 2, 0.1));
  ASSERT_TRUE(cloud.last_step().has_value());
  EXPECT_EQ(cloud.last_step()->centres.rows(), 6);
  EXPECT_EQ(cloud.last_step()->var, 0.1);
  EXPECT_EQ(cloud.size(), 10);
}

TEST(ParticleCloud, RejectsAnInvalidLastStep) {
  const Mat points = Mat::Ones(10, 2);
  expect_input_error_naming([&] { ParticleCloud(points, 1, uniform_kernels(6, 1, 0.1)); },
                            "last_step.centres.cols()");
  expect_input_error_naming([&] { ParticleCloud(points, 1, uniform_kernels(11, 2, 0.1)); },
                            "last_step.centres.rows()");
  expect_input_error_naming([&] { ParticleCloud(points, 1, uniform_kernels(6, 2, 0.0)); },
                            "last_step.var");
  KernelMixture m = uniform_kernels(6, 2, 0.1);
  m.weights(2) = 0.5;
  expect_input_error_naming([&] { ParticleCloud(points, 1, m); }, "last_step.weights");
  m = uniform_kernels(6, 2, 0.1);
  m.centres(1, 1) = kInf;
  expect_input_error_naming([&] { ParticleCloud(points, 1, m); }, "last_step.centres");
  m = uniform_kernels(6, 2, 0.1);
  m.weights.conservativeResize(5);
  expect_input_error_naming([&] { ParticleCloud(points, 1, m); }, "last_step.weights.size()");
}

}  // namespace
}  // namespace sb
