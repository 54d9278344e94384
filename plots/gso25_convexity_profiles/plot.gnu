set encoding utf8
set terminal pngcairo enhanced size 1800,1400 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set grid
set key bottom right noenhanced font 'Sans,10'
set multiplot layout 2,2 title "gso25_convexity_profiles: GSO25 weak convexity of Gaussian mixtures (seed 000; Gentiloni Silveri, Ocello, ICML 2025)\nsolid: convexity profile (search, attained); dashed: GSO25 bound" noenhanced
set logscale x
set format x '10^{%L}'
set xlabel 'radius r' noenhanced
set ylabel 'kappa_U(r)' noenhanced
set yrange [-40:2]
set title '(a) U = -log pi_data, 1/2 N(+-2,1): sharp sqrt(M) = 2 (equal), printed = 16' noenhanced
plot 'data.csv' index 0 using 1:2 w l lw 3 lc rgb '#0072B2' t 'kappa_U(r)', '' index 0 using 1:3 w l lw 2 dt 2 lc rgb '#E69F00' t 'sharp bound', '' index 0 using 1:4 w l lw 2 dt 2 lc rgb '#D55E00' t 'printed bound'
set autoscale y
set title '(b) U = -log pi_data, asymmetric mixtures: sharp bound' noenhanced
plot 'data.csv' index 1 using 1:2 w l lw 3 lc rgb '#0072B2' t '1-D, 3 components', '' index 1 using 1:3 w l lw 2 dt 2 lc rgb '#0072B2' notitle, '' index 2 using 1:2 w l lw 3 lc rgb '#009E73' t '2-D, 3 components (multi-start)', '' index 2 using 1:3 w l lw 2 dt 2 lc rgb '#009E73' notitle
set ylabel 'kappa of -log p~_tau' noenhanced
set title '(c) -log p~_tau of the 1-D 3-component mixture: propagated bound (sharp M)' noenhanced
plot 'data.csv' index 3 using 1:2 w l lw 3 lc rgb '#0072B2' t 'tau = 0.1', '' index 3 using 1:3 w l lw 2 dt 2 lc rgb '#0072B2' notitle, 'data.csv' index 4 using 1:2 w l lw 3 lc rgb '#E69F00' t 'tau = 0.3', '' index 4 using 1:3 w l lw 2 dt 2 lc rgb '#E69F00' notitle, 'data.csv' index 5 using 1:2 w l lw 3 lc rgb '#009E73' t 'tau = 0.6', '' index 5 using 1:3 w l lw 2 dt 2 lc rgb '#009E73' notitle, 'data.csv' index 6 using 1:2 w l lw 3 lc rgb '#CC79A7' t 'tau = 1.2', '' index 6 using 1:3 w l lw 2 dt 2 lc rgb '#CC79A7' notitle
set xlabel 'forward time tau' noenhanced
set ylabel 'C (one-sided constant of the modified score)' noenhanced
set title '(d) exact C*_tau vs C_t; the reverse drift contracts above -1/2' noenhanced
plot 'data.csv' index 7 using 1:2 w l lw 3 lc rgb '#0072B2' t '1/2 N(+-2,1) exact', '' index 7 using 1:3 w l lw 2 dt 2 lc rgb '#0072B2' t 'C_t (equal)', '' index 8 using 1:2 w l lw 3 lc rgb '#009E73' t '3 components exact', '' index 8 using 1:3 w l lw 2 dt 2 lc rgb '#009E73' t 'C_t', -0.5 w l lw 1 lc rgb 'black' t 'contraction threshold -1/2'
unset multiplot
